import { defineAction, fails, HOLDS } from './action.js';
import { answersNothing, decommissionRecords, needDevice } from './facts.js';

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
    const found = needDevice(evidence);
    if (!found.ok) return found.refusal;
    const { device } = found;
    if (device.powerState !== 'on') {
      return fails(
        `SoftLayer says ${device.hostname} is ${device.powerState === 'off' ? 'off' : 'in an unknown power state'}`,
      );
    }
    if (device.cancellation) return fails(`${device.hostname} is being cancelled`);
    // A machine on its way out is not restarted on the bot's word: finish its decommissioning instead.
    const records = decommissionRecords(evidence, context);
    if (records === null) return fails('the decommission tickets could not be searched');
    const [record] = records;
    if (record) return fails(`${record.repo}#${record.number} records it for decommissioning`);
    const silent = answersNothing(evidence);
    return silent.ok ? HOLDS : silent;
  },
});
