import { reachabilityOf, scannersVerdict } from '../reach.js';
import { defineAction, fails, HOLDS } from './action.js';

/** "Out of schedule if we want to run a scan click on the arrow symbol on the right hand side of the scan name." */
export const launchScan = defineAction({
  verb: 'launch_scan',
  name: 'launch_scan',
  label: 'Launch scan',
  bulkLabel: (count) => `Launch scans of all ${count}`,
  question: (target) => `Launch a Nessus scan of ${target}`,
  outcome: 'Scan launched',
  done: 'had a Nessus scan launched',
  changes: true,
  danger: false,
  interrupted: 'ask',
  precondition(evidence) {
    const reach = reachabilityOf(evidence);
    if (reach.status !== 'ok') return fails(`whether it answers its scanner is unknown (${reach.reason})`);
    if (!reach.value.ping) return fails(`${evidence.target.ip} does not answer ping from its scanner`);
    const verdict = scannersVerdict(evidence.scanners);
    if (verdict !== 'ready') {
      return fails(
        verdict === 'conflict'
          ? 'its scanner does not answer while Tenable.sc says it works: the two disagree'
          : 'its scanner is not known to be ready',
      );
    }
    return HOLDS;
  },
});
