import { CATEGORIES } from '../../../../src/runbook/model.js';
import { CATEGORY_HINTS, CATEGORY_LABELS } from '../../../../src/runbook/report/labels.js';
import { LEADER_WIDTH, renderText } from '../../../../src/runbook/report/text.js';
import { buildFinding, buildReport, nthIp, oneFindingPerCategory } from './finding-builder.js';

const ESC = '\x1b';

describe('renderText', () => {
  it('starts with a header line and the counts with dotted leaders, aligned', () => {
    const findings = [
      ...Array.from({ length: 12 }, (_, n) => buildFinding({ ip: nthIp(n), category: 'powered_off' })),
      buildFinding({ ip: nthIp(20), category: 'not_in_account' }),
      buildFinding({ ip: nthIp(21), category: 'unreachable' }),
    ];
    const lines = renderText(buildReport(findings)).split('\n');
    expect(lines[0]).toBe(
      'nessus-gap: 14 unscanned IPs on alchemy-conductors/alcatraz#4711: 13 causes found, 1 needs a person',
    );
    const counts = lines.filter((line) => line.includes('   -> '));
    expect(counts).toEqual([
      `  Not in our account ${'.'.repeat(LEADER_WIDTH - 19)}  1   -> mark NOTALCHEMY in Inventory`,
      `  Powered off ${'.'.repeat(LEADER_WIDTH - 12)} 12   -> power on, or decommission`,
      `  Unreachable ${'.'.repeat(LEADER_WIDTH - 12)}  1   -> owner opens the firewall for ping; reboot only if it answers nothing`,
    ]);
    expect(new Set(counts.map((line) => line.indexOf('->'))).size).toBe(1);
  });

  it('renders every category with its label and hint', () => {
    const text = renderText(buildReport(oneFindingPerCategory()));
    const counts = text.split('\n').filter((line) => line.includes('   -> '));
    expect(counts).toHaveLength(CATEGORIES.length);
    expect(new Set(counts.map((line) => line.indexOf(' 1   -> '))).size).toBe(1);
    for (const category of CATEGORIES) {
      expect(text).toContain(`${CATEGORY_HINTS[category]}`);
      expect(text).toContain(`\n${CATEGORY_LABELS[category]} (1)\n`);
    }
  });

  it('aligns the columns of the findings of a category', () => {
    const findings = [
      buildFinding({ ip: '10.1.2.3', hostname: 'a', environment: 'STAGE' }),
      buildFinding({ ip: '10.100.200.3', hostname: 'a-much-longer-hostname-01', environment: null }),
      buildFinding({ ip: '10.1.2.4', hostname: null, environment: 'PROD-US-SOUTH', interface: 'public' }),
    ];
    const rows = renderText(buildReport(findings))
      .split('\n')
      .filter((line) => /^ {2}10\./.test(line));
    expect(rows).toEqual([
      '  10.1.2.3      a                          STAGE          private',
      '  10.100.200.3  a-much-longer-hostname-01  -              private',
      '  10.1.2.4      -                          PROD-US-SOUTH  public',
    ]);
  });

  it('lists summary, evidence, fix steps and links indented under each finding', () => {
    const text = renderText(buildReport([buildFinding()]));
    expect(text).toContain(
      [
        '  10.10.1.11  prod-dal10-carrier4-worker-01  PROD-US-SOUTH  private',
        '    No device or subnet in the IBM Cloud account holds this IP.',
        '    scanner: prod-dal09-infra-nessus-01',
        '    Evidence:',
        '      - No hardware server or virtual guest uses 10.10.1.11.',
        '      - No account subnet contains 10.10.1.11.',
        '    Fix:',
        '      1. Set Environment to NOTALCHEMY in Inventory.',
        '      2. Comment on the gap issue.',
        '    Links:',
        '      Inventory: search 10.10.1.11: https://inventory.example/servers?search=10.10.1.11',
      ].join('\n'),
    );
  });

  it('strips escape sequences and control characters from untrusted text', () => {
    const hostile = `evil${ESC}[2J${ESC}]0;pwned\x07${ESC}[31mred${ESC}[0m\x9b1m\u202Egnp.exe\rover\nnext\x08`;
    const finding = buildFinding({
      hostname: hostile,
      environment: hostile,
      summary: hostile,
      evidence: [hostile],
      fixes: [hostile],
      links: [{ label: hostile, url: hostile }],
      scanner: hostile,
    });
    const report = buildReport([finding], {
      issue: { repo: hostile, number: 1, title: hostile },
      systemsDown: [hostile],
    });
    for (const color of [false, true]) {
      const text = renderText(report, { color });
      const ours = text.replaceAll(`${ESC}[1m`, '').replaceAll(`${ESC}[0m`, '');
      // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters.
      expect(ours).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/);
      expect(text).toContain('evilred1mgnp.exe over next');
      expect(text).not.toContain('pwned');
      // A line break in untrusted text never starts an unindented line.
      for (const line of ours.split('\n').slice(4)) expect(line).toMatch(/^( {2}|$|\S.* \(\d+\)$)/);
    }
  });

  it('adds bold only when colour is asked for', () => {
    const report = buildReport([buildFinding()]);
    expect(renderText(report)).not.toContain(ESC);
    expect(renderText(report, { color: true })).toContain(`${ESC}[1mNot in our account (1)${ESC}[0m`);
  });

  it('renders an empty report as its header alone', () => {
    expect(renderText(buildReport([]))).toBe(
      'nessus-gap: no unscanned IPs on alchemy-conductors/alcatraz#4711\n' +
        'Issue: GAP ALERT - unscanned machines\nChecked 2026-11-26 09:02 UTC\n',
    );
  });
});
