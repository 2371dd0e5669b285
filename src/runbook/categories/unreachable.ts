/**
 * "Other Uncontactable machines": no answer to ping from the target's scanners on this interface
 * (nor on its other one, or a partial-interface rule would have claimed it). SSH answering proves the
 * host is up: then the firewall is the fix, and no reboot is suggested.
 */
import { deviceLine, environmentLine, probeLines, siblingLine } from '../evidence-lines.js';
import { runbookLink } from '../links.js';
import { partialInterface } from '../partial-interface.js';
import { inconclusive, matchIf, needReachability } from '../rules/rule.js';
import { defineCategory } from './category.js';
import { answered, portal, vlanPair } from './facts.js';

export const unreachable = defineCategory({
  name: 'unreachable',
  rule(evidence) {
    const reach = needReachability(evidence);
    if (!reach.ok) return inconclusive(reach.failed);
    return matchIf(!reach.value.ping);
  },
  label: 'Unreachable',
  emoji: ':x:',
  hint: 'owner opens the firewall for ping; reboot only if it answers nothing',
  fact: 'did not answer ping from its scanner',
  section: 'uncontactable',
  threadRank: 7,
  needsPerson: true,
  offers: ['reboot', 'recheck'],
  guide(f) {
    const sshUp = answered(f)?.tcp22 === true;
    const fromBot = f.evidence.probes.some((probe) => probe.origin === 'bot');
    const sibling = siblingLine(f.evidence);
    const hasPair = Boolean(f.device?.publicIp && f.device.privateIp && f.device.matchedAs !== 'management');
    const unknownVlans = hasPair && f.evidence.sibling && partialInterface(f.evidence)?.pairing === 'unknown';
    return {
      summary: sshUp
        ? `Answers SSH but not ping from ${f.scanner}: a firewall blocks ping (ICMP), the host is up`
        : `No answer to ping or SSH from ${f.scanner}: the host is down or its firewall blocks the scanner`,
      evidence: [
        ...probeLines(f.ip, f.evidence),
        ...(sibling ? [sibling] : []),
        ...(f.device ? [deviceLine(f.device)] : []),
        environmentLine(f.evidence),
        ...(unknownVlans
          ? [
              `its other interface answers, but a VLAN name is missing (${vlanPair(f)}), so a VLAN mismatch cannot be told from a host problem`,
            ]
          : []),
      ],
      fixes: [
        ...(fromBot
          ? [
              `The bot probed from its own host, not from ${f.scanner}: log in to ${f.scanner} and run \`ping ${f.ip}\` there before acting.`,
            ]
          : []),
        `From ${f.scanner}, run \`ping ${f.ip}\`. With no answer, ask the owner of ${f.host} to open the firewall for ping from the scanner; once ping works the machine gets scanned.`,
        ...(sshUp
          ? [`SSH answers (\`nc -zv ${f.ip} 22\` from the scanner), so the machine is up: do not reboot it.`]
          : [
              `\`nc -zv ${f.ip} 22\` from the same scanner checks SSH as a second way in (useful on private IPs only).`,
              'If the machine answers nothing at all, reboot it (Reboot here when it is offered, or from the IBM Infrastructure portal) and watch it come back; if it does not, look at its console through KVM/IPMI for kernel or boot problems.',
            ]),
        'If the owner says it does answer ping, suspect a firewall between it and the scanner: open a firewall ticket with NetInt and tell them in #netint via @ask-netint.',
        ...(unknownVlans
          ? ['Check in the IBM Infrastructure portal that its public and private VLANs form a matching pair.']
          : []),
      ],
      links: [
        runbookLink(f.context.links, 'ownerSaysPings'),
        portal(f),
        { label: 'KVM access runbook', url: f.context.links.kvmAccess },
        { label: 'NetInt firewall request', url: f.context.links.netintRequest },
      ],
    };
  },
});
