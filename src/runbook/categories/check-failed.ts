import { deviceLine, environmentLine, failedCheckLine, SYSTEM_LABELS } from '../evidence-lines.js';
import { inventorySearchLink } from '../links.js';
import { defineCategory } from './category.js';

/** A check the diagnosis needs could not be made: nothing is concluded until a re-check. */
export const checkFailed = defineCategory({
  name: 'check_failed',
  rule: null,
  label: 'Could not check',
  emoji: ':warning:',
  hint: 're-check; the finding says which check failed and why',
  fact: 'could not be fully checked',
  section: 'tracking',
  threadRank: 14,
  needsPerson: true,
  offers: ['recheck'],
  guide(f) {
    const names = [...new Set(f.blocking.map((b) => `${SYSTEM_LABELS[b.system]} (${b.check})`))];
    const skippedProbe = f.evidence.probes.length === 0 && f.blocking.some((b) => b.system === 'probe');
    return {
      summary: `Could not check ${names.join(', ') || 'everything the diagnosis needs'}: cause unknown until a re-check`,
      evidence: [
        ...f.blocking.map(failedCheckLine),
        ...(f.device ? [deviceLine(f.device)] : []),
        ...(skippedProbe ? [environmentLine(f.evidence)] : []),
      ],
      fixes: [
        ...(skippedProbe
          ? [
              `Tell the bot which scanner reaches ${f.ip}: map its environment to a scanner under \`environments\` in the configuration (or its datacenter under \`datacenters\` when the report names no environment).`,
            ]
          : []),
        'Press Re-check once the systems above answer again; nothing was concluded about this IP meanwhile.',
        `If a check keeps failing, work through the runbook by hand for ${f.ip}, starting with the account look-up.`,
      ],
      links: [inventorySearchLink(f.context.links, f.ip)],
    };
  },
});
