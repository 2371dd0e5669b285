import { defineAction, fails, HOLDS } from './action.js';
import { decommissionRecords, needDevice } from './facts.js';

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
    const found = needDevice(evidence);
    if (!found.ok) return found.refusal;
    const { device } = found;
    if (device.powerState !== 'off')
      return fails(
        `SoftLayer says ${device.hostname} is ${device.powerState === 'on' ? 'on' : 'in an unknown power state'}`,
      );
    if (device.cancellation) return fails(`${device.hostname} is being cancelled`);
    const records = decommissionRecords(evidence, context);
    if (records === null) return fails('the decommission tickets could not be searched');
    const [record] = records;
    if (record) return fails(`${record.repo}#${record.number} records it for decommissioning`);
    return HOLDS;
  },
});
