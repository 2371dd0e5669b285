/**
 * "Powered off machines": "If **Off** check if the machine is being decommisioned - search
 * Conductors team tickets. If there is no record of it being powered off ready for cancellation,
 * then work to get the machine turned back on." The two categories share the rule's first half.
 */
import type { DiagnosisContext } from '../context.js';
import { sortTickets } from '../decommission-record.js';
import type { Evidence } from '../evidence.js';
import { deviceLine } from '../evidence-lines.js';
import { conductorsSearchLink, inventorySearchLink } from '../links.js';
import { inconclusive, matchIf, NO_MATCH, needAccount, type RuleResult } from '../rules/rule.js';
import { defineCategory } from './category.js';
import { deviceName, namesOf, portal, recordLines, recordLinks } from './facts.js';

function whenPoweredOff(evidence: Evidence, context: DiagnosisContext, withRecord: boolean): RuleResult {
  const account = needAccount(evidence);
  if (!account.ok) return inconclusive(account.failed);
  if (account.value.device?.powerState !== 'off') return NO_MATCH;
  const tickets = sortTickets(evidence, context);
  if (tickets === null && evidence.decommissionTickets.status === 'failed') {
    const { check, system, reason } = evidence.decommissionTickets;
    return inconclusive({ check, system, reason });
  }
  return matchIf((tickets?.records.length ?? 0) > 0 === withRecord);
}

export const poweredOffDecommissioning = defineCategory({
  name: 'powered_off_decommissioning',
  rule: (evidence, context) => whenPoweredOff(evidence, context, true),
  label: 'Powered off, being decommissioned',
  emoji: ':hourglass_flowing_sand:',
  hint: 'finish the cancellation + mark PENDING-DELETION',
  fact: 'was powered off for decommissioning',
  section: 'poweredOff',
  threadRank: 4,
  needsPerson: false,
  offers: ['mark_pending_deletion', 'request_reclaim'],
  guide(f) {
    const first = f.tickets?.records[0];
    const name = first ? `${first.repo}#${first.number}` : 'the decommission ticket';
    return {
      summary: `Powered off for decommissioning${first ? ` (${name})` : ''}: finish the cancellation`,
      evidence: [...(f.device ? [deviceLine(f.device)] : []), ...recordLines(f)],
      fixes: [
        `Review ${name} and push the cancellation of ${deviceName(f)} through now: a powered-off machine fails every scan until it is gone.`,
        `If the cancellation is already submitted${
          f.device?.kind === 'hardware' ? ' (this is a bare metal)' : ''
        }, ask on its IBM Infrastructure ticket for immediate reclaim.`,
        `In the Inventory dashboard, search ${f.ip}, then set Update > Environment to PENDING-DELETION and Update > Application to Pending Deletion.`,
        'Leave a comment on the gap issue saying the machine is being decommissioned.',
      ],
      links: [...recordLinks(f), inventorySearchLink(f.context.links, f.ip), portal(f)],
    };
  },
});

export const poweredOff = defineCategory({
  name: 'powered_off',
  rule: (evidence, context) => whenPoweredOff(evidence, context, false),
  label: 'Powered off',
  emoji: ':zzz:',
  hint: 'power on, or decommission',
  fact: 'was powered off',
  section: 'poweredOff',
  threadRank: 5,
  needsPerson: false,
  offers: ['power_on'],
  guide: (f) => ({
    summary: 'Powered off, and no decommission record names it: power it on or decommission it',
    evidence: [
      ...(f.device ? [deviceLine(f.device)] : []),
      `no decommission record (open, or closed in the last ${f.context.decommissionWindowDays} days) names ${namesOf(f).join(' or ')}`,
    ],
    fixes: [
      `Confirm in the IBM Infrastructure portal that ${deviceName(f)} is off.`,
      'Nobody asked for it to be switched off for cancellation: find its owner and get it powered back on (Power on does it from here).',
      'If the machine is no longer needed, open a decommission ticket in the Conductors team repo and cancel it quickly: while it stays off it keeps failing scans.',
    ],
    links: [portal(f), conductorsSearchLink(f.context.links, f.device?.hostname ?? f.host)],
  }),
});
