/** What several preconditions ask of the evidence, in the words of their refusals. */
import type { DiagnosisContext } from '../context.js';
import { sortTickets } from '../decommission-record.js';
import type { Device, Evidence } from '../evidence.js';
import { reachabilityOf, scannersVerdict } from '../reach.js';
import { fails, type Precondition } from './action.js';

export type WithDevice = { ok: true; device: Device } | { ok: false; refusal: Precondition };

/** The device that uses the IP, or why there is none to act on. */
export function needDevice(evidence: Evidence): WithDevice {
  if (evidence.account.status !== 'ok') {
    return { ok: false, refusal: fails(`the accounts could not be read (${evidence.account.reason})`) };
  }
  const device = evidence.account.value.device;
  if (!device) return { ok: false, refusal: fails(`no device of our accounts uses ${evidence.target.ip}`) };
  return { ok: true, device };
}

/** The decommission records naming the target, or null when GitHub could not be searched. */
export function decommissionRecords(evidence: Evidence, context: DiagnosisContext) {
  return sortTickets(evidence, context)?.records ?? null;
}

/**
 * A machine whose power may be changed: SoftLayer says it is in `state`, and it is on no way out (no
 * cancellation, no decommission record: those machines are decommissioned, not powered or rebooted).
 */
export function powerChangeable(
  evidence: Evidence,
  context: DiagnosisContext,
  state: 'on' | 'off',
): WithDevice {
  const found = needDevice(evidence);
  if (!found.ok) return found;
  const { device } = found;
  const refuse = (reason: string): WithDevice => ({ ok: false, refusal: fails(reason) });
  if (device.powerState !== state) {
    const now = device.powerState === 'unknown' ? 'in an unknown power state' : device.powerState;
    return refuse(`SoftLayer says ${device.hostname} is ${now}`);
  }
  if (device.cancellation) return refuse(`${device.hostname} is being cancelled`);
  const records = decommissionRecords(evidence, context);
  if (records === null) return refuse('the decommission tickets could not be searched');
  const [record] = records;
  if (record) return refuse(`${record.repo}#${record.number} records it for decommissioning`);
  return found;
}

/** Ping and SSH both silent from every scanner asked, and the scanners themselves fine. */
export function answersNothing(evidence: Evidence): Precondition {
  const reach = reachabilityOf(evidence);
  if (reach.status !== 'ok') return fails(`reachability is unknown (${reach.reason})`);
  if (reach.value.ping) return fails(`${evidence.target.ip} answers ping`);
  if (reach.value.tcp22 === true) return fails(`${evidence.target.ip} answers SSH (TCP 22): it is up`);
  if (reach.value.tcp22 === null) return fails(`TCP 22 of ${evidence.target.ip} was not checked`);
  if (evidence.probes.some((probe) => probe.origin === 'bot')) {
    return fails(
      `the probe ran from the bot's own host, not from ${evidence.assignment.scanners.join(' or ')}`,
    );
  }
  if (scannersVerdict(evidence.scanners) !== 'ready') return fails('its scanner is not known to be working');
  return { ok: true };
}
