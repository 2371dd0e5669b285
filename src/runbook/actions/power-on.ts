import { defineAction, HOLDS } from './action.js';
import { powerChangeable } from './facts.js';

/**
 * "If there is no record of it being powered off ready for cancellation, then work to get the
 * machine turned back on": never a machine with a decommission record or a cancellation.
 */
export const powerOn = defineAction({
  verb: 'power_on',
  name: 'power_on',
  label: 'Power on',
  bulkLabel: (count) => `Power on all ${count}`,
  question: (target) => `Power on ${target}`,
  outcome: 'Powered on',
  done: 'was powered on',
  changes: true,
  danger: true,
  interrupted: 'ask',
  precondition(evidence, context) {
    const changeable = powerChangeable(evidence, context, 'off');
    return changeable.ok ? HOLDS : changeable.refusal;
  },
});
