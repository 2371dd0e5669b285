/**
 * "Only one of public/private IP address for the machine doesn't work": the other interface answers
 * its scanner. "check that the public and private IP addresses are on a matching name pair of VLANS,
 * the prefix or entire name of the VLAN should match on both sides". An unknown VLAN name proves
 * neither a pair nor a mismatch: neither rule claims the target, and `unreachable` says why.
 */
import type { Evidence } from '../evidence.js';
import { deviceLine, probeLines, siblingLine } from '../evidence-lines.js';
import { hasBothInterfaces, partialInterface } from '../partial-interface.js';
import { combinedReachability } from '../reach.js';
import {
  inconclusive,
  matchIf,
  NO_MATCH,
  need,
  needAccount,
  needReachability,
  type RuleResult,
} from '../rules/rule.js';
import type { VlanPairing } from '../vlan.js';
import { defineCategory } from './category.js';
import { deviceName, type Facts, portal, vlanName, vlanPair } from './facts.js';

function whenOnlyOneInterfaceWorks(evidence: Evidence, pairing: Exclude<VlanPairing, 'unknown'>): RuleResult {
  const account = needAccount(evidence);
  if (!account.ok) return inconclusive(account.failed);
  if (!hasBothInterfaces(evidence)) return NO_MATCH;
  const reach = needReachability(evidence);
  if (!reach.ok) return inconclusive(reach.failed);
  if (reach.value.ping) return NO_MATCH;
  // Whether the other interface answers decides between this rule and `unreachable`: unknown, it is
  // inconclusive rather than guessed either way.
  const other = need(combinedReachability(evidence.sibling?.probes ?? [], null));
  if (!other.ok) return inconclusive(other.failed);
  return matchIf(partialInterface(evidence)?.pairing === pairing);
}

function partialEvidence(f: Facts, verdict: string): string[] {
  return [
    ...(f.device ? [deviceLine(f.device)] : []),
    ...probeLines(f.ip, f.evidence),
    ...[siblingLine(f.evidence)].filter((line): line is string => line !== null),
    `VLAN ${vlanPair(f)}: ${verdict}`,
  ];
}

export const vlanMismatch = defineCategory({
  name: 'vlan_mismatch',
  rule: (evidence) => whenOnlyOneInterfaceWorks(evidence, 'mismatch'),
  label: 'VLANs do not pair',
  emoji: ':twisted_rightwards_arrows:',
  hint: 'move the machine by ticket, or reprovision',
  fact: 'was on VLANs that do not pair',
  section: 'onlyOneInterface',
  threadRank: 11,
  needsPerson: false,
  offers: ['recheck'],
  guide: (f) => ({
    summary: `Public VLAN ${vlanName(f.device?.publicVlan)} and private VLAN ${vlanName(f.device?.privateVlan)} do not pair: the machine must be moved`,
    evidence: partialEvidence(f, 'the VLAN names do not pair'),
    fixes: [
      `In the IBM Infrastructure portal, compare the VLANs of ${deviceName(f)}: the public and private sides should share the name (Prod/Carrier6 on both) or the part before a front/back marker (Prod/CSMG/F with Prod/CSMG/B).`,
      `They do not: open an IBM Infrastructure ticket to move ${deviceName(f)} onto a matching pair of VLANs, or deprovision it and order it again.`,
      `Press Re-check once ${f.device?.matchedAs ?? 'the'} interface ${f.ip} answers.`,
    ],
    links: [portal(f)],
  }),
});

export const interfaceMisconfigured = defineCategory({
  name: 'interface_misconfigured',
  rule: (evidence) => whenOnlyOneInterfaceWorks(evidence, 'pair'),
  label: 'Interface misconfigured',
  emoji: ':wrench:',
  hint: 'configure the interface on the host, or remove it by ticket',
  fact: 'had a misconfigured interface',
  section: 'onlyOneInterface',
  threadRank: 12,
  needsPerson: false,
  offers: ['recheck'],
  guide: (f) => ({
    summary: `The ${f.device?.matchedAs ?? 'failing'} interface does not answer although its VLANs pair: the host's network configuration is at fault`,
    evidence: partialEvidence(f, 'the VLAN names pair'),
    fixes: [
      `Log onto ${deviceName(f)} and check that \`ip addr\` (or \`ifconfig\`) configures ${f.ip}: a public IP added after the machine was ordered is often missing.`,
      `If ${f.ip} is missing, either configure the interface in the OS so it answers ping from ${f.scanner}, or ask by IBM Infrastructure ticket for the public interface to be removed.`,
      'Press Re-check once it answers.',
    ],
    links: [portal(f)],
  }),
});
