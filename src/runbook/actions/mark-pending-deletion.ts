import { defineAction, fails, HOLDS } from './action.js';
import { decommissionRecords, needDevice } from './facts.js';

/** "Mark the machines as pending deletion so that they are removed from the report." */
export const markPendingDeletion = defineAction({
  verb: 'mark_pending_deletion',
  name: 'mark_pending_deletion',
  label: 'Mark PENDING-DELETION',
  bulkLabel: (count) => `Mark all ${count} PENDING-DELETION`,
  question: (target) => `Mark ${target} PENDING-DELETION in Inventory`,
  outcome: 'Marked PENDING-DELETION',
  done: 'was marked PENDING-DELETION (Environment and Application) in Inventory',
  changes: true,
  danger: true,
  interrupted: 'redo',
  precondition(evidence, context) {
    const found = needDevice(evidence);
    if (!found.ok) return found.refusal;
    if (found.device.cancellation) return HOLDS;
    const records = decommissionRecords(evidence, context);
    if (records === null) return fails('the decommission tickets could not be searched');
    if (records.length > 0) return HOLDS;
    return fails(`${found.device.hostname} has no cancellation pending and no decommission record`);
  },
});
