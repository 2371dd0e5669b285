import { defineAction, fails, HOLDS } from './action.js';
import { needDevice } from './facts.js';

/**
 * "update the server cancellation ticket associated with the device and request that the server is
 * immediately reclaimed": only where that ticket is known, bare metal and virtual servers alike.
 */
export const requestReclaim = defineAction({
  verb: 'request_reclaim',
  name: 'request_reclaim',
  label: 'Request reclaim',
  bulkLabel: (count) => `Request reclaim for all ${count}`,
  question: (target) => `Ask for an immediate reclaim of ${target} on the cancellation ticket`,
  outcome: 'Reclaim requested',
  done: 'had an immediate reclaim requested on its cancellation ticket',
  changes: true,
  danger: false,
  interrupted: 'ask',
  precondition(evidence) {
    const found = needDevice(evidence);
    if (!found.ok) return found.refusal;
    if (found.device.cancellation?.ticketId == null) {
      return fails(`no cancellation ticket of ${found.device.hostname} is known`);
    }
    return HOLDS;
  },
});
