import { decodeButtonValue } from '../../../../src/bot/render/action-value.js';
import { commonActions, renderCategory } from '../../../../src/bot/render/category.js';
import { checkBlockLimits } from '../../../../src/bot/render/validate-blocks.js';
import type { Finding } from '../../../../src/runbook/finding.js';
import { ACTIONS, CATEGORIES, type Category } from '../../../../src/runbook/model.js';
import { CATEGORY_EMOJI, CATEGORY_LABELS } from '../../../../src/runbook/report/labels.js';
import { buildFinding, manyFindings, nthIp } from '../../runbook/report/finding-builder.js';
import { buttonsOf, CTX, REAL_FINDINGS, textsOf } from './render-helpers.js';

const BUTTON_LABELS = new Set([
  'Mark NOTALCHEMY',
  'Mark PENDING-DELETION',
  'Request reclaim',
  'Open IPMI ticket',
  'Power on',
  'Reboot',
  'Launch scan',
  'Re-check',
]);

/** `count` real findings of the category, each with its own IP wherever the IP appears. */
function realFindings(category: Category, count: number): Finding[] {
  const template = JSON.stringify(REAL_FINDINGS[category]);
  const ip = REAL_FINDINGS[category].ip;
  return Array.from({ length: count }, (_, n) => JSON.parse(template.replaceAll(ip, nthIp(n))) as Finding);
}

describe('renderCategory: every category', () => {
  it.each([...CATEGORIES])('%s renders one message within the limits, with its buttons', (category) => {
    const finding = REAL_FINDINGS[category];
    const messages = renderCategory(category, [finding], CTX);
    expect(messages).toHaveLength(1);
    const [message] = messages;
    if (!message) throw new Error('no message');
    expect(checkBlockLimits(message)).toEqual([]);

    const header = message.blocks[0];
    expect(header).toEqual(
      expect.objectContaining({
        type: 'header',
        text: {
          type: 'plain_text',
          text: `${CATEGORY_EMOJI[category]} ${CATEGORY_LABELS[category]} (1)`,
          emoji: true,
        },
      }),
    );
    expect(message.text).toContain(CATEGORY_LABELS[category]);
    expect(message.text).toContain(finding.ip);
    expect(textsOf(message).join('\n')).toContain(`*${finding.ip}*`);

    const buttons = buttonsOf(message);
    expect(buttons.map((button) => button.action_id)).toEqual(
      finding.actions.map((action) => `${action}:${finding.ip}`),
    );
    for (const button of buttons) {
      expect(BUTTON_LABELS.has(button.text.text)).toBe(true);
      expect(decodeButtonValue(button.value)).toEqual({ i: 42, ip: finding.ip, r: CTX.issue.repo, n: 5120 });
    }
  });
});

describe('renderCategory: a finding', () => {
  const finding = buildFinding({
    ip: '10.10.1.11',
    hostname: 'prod-dal10-carrier4-worker-01',
    fixes: ['From the scanner run `ping 10.10.1.11`.', 'Then mark it.', 'A third step.'],
  });
  const [message] = renderCategory('not_in_account', [finding], CTX);
  if (!message) throw new Error('no message');
  const section = message.blocks.find((block) => block.block_id === 'finding:10.10.1.11');

  it('shows the IP, host, environment, cause, evidence and the first fixes with commands as code', () => {
    expect(section?.type === 'section' && section.text?.text).toBe(
      [
        '*10.10.1.11*  ·  prod-dal10-carrier4-worker-01  ·  PROD-US-SOUTH  ·  private',
        'No device or subnet in the IBM Cloud account holds this IP.',
        '• No hardware server or virtual guest uses 10.10.1.11.',
        '• No account subnet contains 10.10.1.11.',
        '*Fix:* From the scanner run `ping 10.10.1.11`.',
        '*Then:* Then mark it.',
      ].join('\n'),
    );
  });

  it('links the finding to its inventory search', () => {
    expect(textsOf(message)).toContain(
      '<https://inventory.example/servers?search=10.10.1.11|Inventory: search 10.10.1.11>',
    );
  });

  it('asks before marking, naming the IP and the issue', () => {
    const [button] = buttonsOf(message);
    expect(button?.style).toBe('danger');
    expect(button?.confirm).toEqual({
      title: { type: 'plain_text', text: 'Mark NOTALCHEMY?', emoji: false },
      text: {
        type: 'plain_text',
        text: 'Mark 10.10.1.11 NOTALCHEMY in Inventory and note it on alcatraz#5120?',
        emoji: false,
      },
      confirm: { type: 'plain_text', text: 'Mark NOTALCHEMY', emoji: false },
      deny: { type: 'plain_text', text: 'Cancel', emoji: false },
      style: 'danger',
    });
  });

  it('shows the failed checks when a finding has no evidence lines', () => {
    const failedOnly = buildFinding({
      category: 'check_failed',
      evidence: [],
      actions: ['recheck'],
      failedChecks: [{ check: 'scan_zones', system: 'tenable', reason: 'timeout after 3 tries' }],
    });
    const [rendered] = renderCategory('check_failed', [failedOnly], CTX);
    expect(textsOf(rendered ?? { blocks: [] }).join('\n')).toContain(
      '• Could not check scan_zones (tenable): timeout after 3 tries',
    );
    expect(buttonsOf(rendered ?? { blocks: [] })[0]?.confirm).toBeUndefined();
  });
});

describe('renderCategory: many findings', () => {
  const findings = manyFindings(37, ['not_in_account']);
  const messages = renderCategory('not_in_account', findings, CTX);
  const [message] = messages;
  if (!message) throw new Error('no message');

  it('shows the first ten with their buttons, then "and 27 more"', () => {
    expect(messages).toHaveLength(1);
    const perFinding = buttonsOf(message).filter((button) => !button.action_id.includes(':bulk:'));
    expect(perFinding.map((button) => button.action_id)).toEqual(
      findings.slice(0, 10).map((finding) => `mark_notalchemy:${finding.ip}`),
    );
    expect(textsOf(message).some((text) => text.startsWith('*and 27 more:* 10.0.10.1, 10.0.11.1'))).toBe(
      true,
    );
  });

  it('offers one bulk button for all 37 whose confirm lists IPs within 300 characters', () => {
    const bulk = buttonsOf(message).find(
      (button) => button.action_id === 'mark_notalchemy:bulk:not_in_account',
    );
    expect(bulk?.text.text).toBe('Mark all 37 NOTALCHEMY');
    expect(decodeButtonValue(bulk?.value)).toEqual({
      i: 42,
      r: CTX.issue.repo,
      n: 5120,
      c: 'not_in_account',
    });
    const text = bulk?.confirm?.text.text ?? '';
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text).toMatch(
      /^Mark these 37 IPs NOTALCHEMY in Inventory and note it on alcatraz#5120\? 10\.0\.0\.1, /,
    );
    const listed = text.match(/\d+\.\d+\.\d+\.\d+/g) ?? [];
    expect(listed.length).toBeGreaterThan(10);
    expect(text).toMatch(new RegExp(`and ${37 - listed.length} more$`));
    expect(listed).toEqual(findings.slice(0, listed.length).map((finding) => finding.ip));
  });

  it('has unique action ids and block ids and passes every limit', () => {
    const ids = buttonsOf(message).map((button) => button.action_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(checkBlockLimits(message)).toEqual([]);
  });

  it('bulk buttons cover the actions every finding offers', () => {
    const mixed = [
      buildFinding({ actions: ['power_on', 'recheck'] }),
      buildFinding({ actions: ['recheck'] }),
    ];
    expect(commonActions(mixed)).toEqual(['recheck']);
    expect(commonActions([])).toEqual([]);
    const reachable = realFindings('reachable', 12);
    const [rendered] = renderCategory('reachable', reachable, CTX);
    const bulk = buttonsOf(rendered ?? { blocks: [] }).filter((button) =>
      button.action_id.includes(':bulk:'),
    );
    expect(bulk.map((button) => [button.action_id, button.text.text, button.confirm !== undefined])).toEqual([
      ['launch_scan:bulk:reachable', 'Launch scans of all 12', true],
      ['recheck:bulk:reachable', 'Re-check all 12', false],
    ]);
  });
});

describe('renderCategory: limits hold for any size', () => {
  it.each([...CATEGORIES])('%s with 1000 real findings: one message, every limit held', (category) => {
    const messages = renderCategory(category, realFindings(category, 1000), CTX);
    expect(messages).toHaveLength(1);
    for (const message of messages) expect(checkBlockLimits(message)).toEqual([]);
  });

  it('splits into several messages rather than break a limit when asked for many per message', () => {
    // Seven buttons each, every one with a dialog naming a long host: 15 cannot share one message.
    const findings = realFindings('unreachable', 40).map((finding) => ({
      ...finding,
      hostname: 'h'.repeat(80),
      actions: [...ACTIONS],
    }));
    const messages = renderCategory('unreachable', findings, { ...CTX, maxPerMessage: 100 });
    const shown = messages.flatMap((message) =>
      message.blocks.filter((block) => block.block_id?.startsWith('finding:')),
    );
    expect(shown).toHaveLength(15);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(checkBlockLimits(message)).toEqual([]);
    expect(messages.at(-1)?.blocks.at(-1)?.block_id).toBe('bulk:unreachable');
  });

  it('keeps hostile 5000-character hostnames, summaries and fixes within every limit', () => {
    const long = `${'<!channel>&'.repeat(500)}`;
    const findings = Array.from({ length: 60 }, (_, n) =>
      buildFinding({
        ip: nthIp(n),
        hostname: long,
        environment: long,
        summary: long,
        evidence: [long, long, long, long],
        fixes: [`\`${long}\``, long],
        links: [{ label: long, url: `https://inventory.example/?q=${long}` }],
        actions: [...ACTIONS],
      }),
    );
    const messages = renderCategory('reachable', findings, CTX);
    for (const message of messages) expect(checkBlockLimits(message)).toEqual([]);
  });

  it('keeps block and action ids unique when an IP repeats', () => {
    const twice = [buildFinding(), buildFinding()];
    const [message] = renderCategory('not_in_account', twice, CTX);
    expect(checkBlockLimits(message)).toEqual([]);
    expect(buttonsOf(message ?? { blocks: [] }).map((button) => button.action_id)).toEqual([
      'mark_notalchemy:10.10.1.11',
      'mark_notalchemy:10.10.1.11:2',
    ]);
  });
});

describe('the power_on button on an unreachable machine', () => {
  it('is a Reboot, one by one and in bulk, with a confirm that warns of the restart', () => {
    const findings = Array.from({ length: 4 }, (_, n) =>
      buildFinding({ ip: nthIp(n), category: 'unreachable', actions: ['power_on', 'recheck'] }),
    );
    const texts = JSON.stringify(renderCategory('unreachable', findings, { ...CTX, maxPerMessage: 2 }));
    expect(texts).toContain('"text":"Reboot"');
    expect(texts).toContain('Reboot all 4');
    expect(texts).toContain('a running machine restarts; agree it with its owner first');
    expect(texts).not.toContain('Power on');
    const off = JSON.stringify(
      renderCategory(
        'powered_off',
        findings.map((f): Finding => ({ ...f, category: 'powered_off' })),
        { ...CTX, maxPerMessage: 2 },
      ),
    );
    expect(off).toContain('"text":"Power on"');
    expect(off).not.toContain('Reboot');
  });
});
