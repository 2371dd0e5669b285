import { reachabilityOf } from '../reach.js';
import { defineAction, fails, HOLDS } from './action.js';
import { needDevice } from './facts.js';

/** "raise a IBM Infrastructure ticket ... explaining that the Management IP is not pingable". */
export const openIpmiTicket = defineAction({
  verb: 'open_ipmi_ticket',
  name: 'open_ipmi_ticket',
  label: 'Open IPMI ticket',
  bulkLabel: (count) => `Open IPMI tickets for all ${count}`,
  question: (target) => `Open an infrastructure ticket to refresh the switch configuration for ${target}`,
  outcome: 'IPMI ticket opened',
  done: 'had an infrastructure ticket opened to refresh the switch configuration of its IPMI',
  changes: true,
  danger: false,
  interrupted: 'ask',
  precondition(evidence) {
    const found = needDevice(evidence);
    if (!found.ok) return found.refusal;
    const { device } = found;
    if (device.matchedAs !== 'management')
      return fails(`${evidence.target.ip} is not the IPMI IP of ${device.hostname}`);
    if (device.cancellation)
      return fails(`${device.hostname} is being cancelled: ask for its reclaim instead`);
    const reach = reachabilityOf(evidence);
    if (reach.status !== 'ok') return fails(`whether it answers ping is unknown (${reach.reason})`);
    if (reach.value.ping) return fails(`${evidence.target.ip} answers ping`);
    return HOLDS;
  },
});
