import { defineAction, HOLDS } from './action.js';
import { answersNothing, powerChangeable } from './facts.js';

/**
 * "If the machine does not respond then the first course of action should be to reboot the machine
 * via the IBM Infrastructure portal": only a machine SoftLayer says is on, that answers neither ping
 * nor SSH from its scanner, and that no decommission record names. It is the `power_on` action on an
 * unreachable machine.
 */
export const reboot = defineAction({
  verb: 'reboot',
  name: 'power_on',
  label: 'Reboot',
  bulkLabel: (count) => `Reboot all ${count}`,
  // A reboot restarts a running machine: the question says so, for its owner's sake.
  question: (target) => `Reboot ${target} (a running machine restarts; agree it with its owner first)`,
  outcome: 'Reboot sent',
  done: 'was rebooted',
  changes: true,
  danger: true,
  interrupted: 'ask',
  precondition(evidence, context) {
    const changeable = powerChangeable(evidence, context, 'on');
    if (!changeable.ok) return changeable.refusal;
    const silent = answersNothing(evidence);
    return silent.ok ? HOLDS : silent;
  },
});
