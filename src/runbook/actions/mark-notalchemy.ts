import { defineAction, fails, HOLDS } from './action.js';

/** "If the machine is gone then you will need to change the Environment of the machine to NOTALCHEMY". */
export const markNotalchemy = defineAction({
  verb: 'mark_notalchemy',
  name: 'mark_notalchemy',
  label: 'Mark NOTALCHEMY',
  bulkLabel: (count) => `Mark all ${count} NOTALCHEMY`,
  question: (target) => `Mark ${target} NOTALCHEMY in Inventory`,
  outcome: 'Marked NOTALCHEMY',
  done: 'was marked NOTALCHEMY in Inventory',
  changes: true,
  danger: true,
  interrupted: 'redo',
  precondition(evidence) {
    if (evidence.account.status !== 'ok') {
      return fails(`our accounts could not all be read (${evidence.account.reason})`);
    }
    const device = evidence.account.value.device;
    if (device) {
      return fails(
        `${device.hostname} (id ${device.id}) of account ${device.account} uses ${evidence.target.ip}`,
      );
    }
    return HOLDS;
  },
});
