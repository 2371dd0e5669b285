import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { isIPv4 } from '../../../src/runbook/ip.js';
import type { Target } from '../../../src/runbook/model.js';
import { contractTarget } from '../../../src/runbook/model.js';
import { parseGapReport } from '../../../src/runbook/parse-gap-report.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/gap-reports');
const REQUIRED_CASES = [
  'basic-table',
  'reordered-columns',
  'bullets',
  'csv-block',
  'html-table',
  'noise',
  'duplicates',
  'empty',
  'evil',
];
const KEY_ORDER = ['ip', 'interface', 'hostname', 'environment', 'neverScanned', 'lastScan'];

const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the parser must strip exactly these
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: no control character may reach a target field
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The body as a reader sees it: invisible characters gone, numeric entities decoded. */
const rendered = (body: string): string =>
  body
    .replace(INVISIBLE, '')
    .replace(/&#(\d{1,7});/g, (_m, code: string) => String.fromCodePoint(Number(code) % 0x110000));
const ips = (body: string): string[] => parseGapReport(body).map((t) => t.ip);
const only = (body: string): Target => {
  const targets = parseGapReport(body);
  expect(targets).toHaveLength(1);
  return targets[0] as Target;
};
const target = (ip: string, fields: Partial<Target> = {}): Target => ({
  ip,
  interface: 'unknown',
  hostname: null,
  environment: null,
  neverScanned: false,
  lastScan: null,
  ...fields,
});

describe('parseGapReport fixtures', () => {
  const cases = readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.md'))
    .map((name) => name.slice(0, -3))
    .sort();

  it('has a fixture and an expected result for every required case', () => {
    for (const name of REQUIRED_CASES) {
      expect(cases).toContain(name);
      expect(readdirSync(FIXTURES)).toContain(`${name}.expected.json`);
    }
  });

  it.each(cases)('fixture %s gives exactly its expected.json', (name) => {
    const body = readFileSync(join(FIXTURES, `${name}.md`), 'utf8');
    const expected = JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8'));
    const actual = { targets: parseGapReport(body).map(contractTarget) };
    expect(actual).toEqual(expected);
    // Exactly: same key order too, so the CLI output is byte-for-byte predictable.
    expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
    for (const t of actual.targets) expect(Object.keys(t)).toEqual(KEY_ORDER);
  });
});

describe('which addresses are targets', () => {
  it.each([
    ['a plain address', 'Machine 10.1.2.3 is unscanned', ['10.1.2.3']],
    ['an address with a port', 'ssh to 10.1.2.3:22 fails', ['10.1.2.3']],
    ['an address ending a sentence', 'Check 10.1.2.3.', ['10.1.2.3']],
    ['an address in an http URL', 'see http://10.1.2.3/x', []],
    ['an address as a https host', 'https://10.1.2.3/x and https://10.1.2.4', []],
    ['a markdown link target', '[link](http://10.2.3.4)', []],
    ['a markdown link text', '[10.2.3.5](https://inventory.example/?ip=10.2.3.6)', ['10.2.3.5']],
    ['a Slack link', '<http://10.2.3.7|click>', []],
    ['a v-prefixed version', 'agent v1.2.3.4', []],
    ['a spelled-out version', 'Nessus version 10.1.2.3 and ver. 10.1.2.4', []],
    ['a longer dotted number', 'OID 1.2.3.4.5', []],
    ['an octet above 255', '999.1.1.1', []],
    ['a leading zero', '010.1.2.3', []],
    ['a CIDR', 'subnet 10.1.2.0/24', []],
    ['a range', '10.1.2.3-10.1.2.9 and 10.1.3.3-9', []],
    ['a domain under nip.io', 'host 10.1.2.3.nip.io', []],
    ['an address inside a word', 'ip10.1.2.3 and 10.1.2.3x', []],
  ])('%s', (_label, body, expected) => {
    expect(ips(body)).toEqual(expected);
  });

  it('returns [] for a body without any address', () => {
    expect(parseGapReport('')).toEqual([]);
    expect(
      parseGapReport('# GAP ALERT - unscanned machines require investigation\n\nNothing today.'),
    ).toEqual([]);
  });

  it('ignores addresses GitHub does not render (comments, scripts, styles)', () => {
    const body = '<!-- 10.1.2.3 -->\n<script>x="10.1.2.4"</script><style>/* 10.1.2.5 */</style>\n10.1.2.6';
    expect(ips(body)).toEqual(['10.1.2.6']);
  });

  it('ignores the scanner side of a line (Scanner IP, gateway, subnet)', () => {
    expect(ips('- Scanner IP: 10.0.0.5 — prod-x-01 (10.1.2.3) private')).toEqual(['10.1.2.3']);
    expect(ips('| Host | IP | Scanner IP |\n|---|---|---|\n| prod-x-01 | 10.1.2.3 | 10.0.0.5 |')).toEqual([
      '10.1.2.3',
    ]);
  });
});

describe('tables', () => {
  it('reads any column order and header wording, case-insensitively, with markup in headers', () => {
    const body = [
      '| `Last Scan Date` | **ENV** | Machine | IP addr | Type | Scan Attempted |',
      '| --- | --- | --- | --- | --- | --- |',
      '| 2024-05-06 | prod-us-east | prod-wdc06-worker-01 | 10.1.2.3 | Public | 2025-01-01 |',
    ].join('\n');
    expect(only(body)).toEqual(
      target('10.1.2.3', {
        interface: 'public',
        hostname: 'prod-wdc06-worker-01',
        environment: 'PROD-US-EAST',
        lastScan: '2024-05-06',
      }),
    );
  });

  it('accepts any PROD/STAGE/DEV/SUP-shaped name in an Environment column', () => {
    const body = '| IP | Environment |\n|---|---|\n| 10.1.2.3 | sup-wdc04 |\n| 10.1.2.4 | NOTALCHEMY |';
    expect(parseGapReport(body).map((t) => t.environment)).toEqual(['SUP-WDC04', null]);
  });

  it('takes the interface from an IP column named after it (Private IP / Public IP / IPMI)', () => {
    const body =
      '| Host | Private IP | Public IP | IPMI |\n|---|---|---|---|\n| prod-x-01 | 10.1.2.3 | 169.1.2.3 | 10.9.2.3 |';
    expect(parseGapReport(body).map((t) => [t.ip, t.interface, t.hostname])).toEqual([
      ['10.1.2.3', 'private', 'prod-x-01'],
      ['169.1.2.3', 'public', 'prod-x-01'],
      ['10.9.2.3', 'management', 'prod-x-01'],
    ]);
  });

  it('reads a table without a header row by what each cell unmistakably is', () => {
    const body = '| prod-dal10-worker-07 | 10.1.2.3 | private | PROD-US-SOUTH | never |';
    expect(only(body)).toEqual(
      target('10.1.2.3', {
        interface: 'private',
        hostname: 'prod-dal10-worker-07',
        environment: 'PROD-US-SOUTH',
        neverScanned: true,
      }),
    );
  });

  it('reads a GFM table without outer pipes', () => {
    const body = 'Host | IP | Interface\n--- | --- | ---\nprod-x-01 | 10.1.2.3 | mgmt';
    expect(only(body)).toEqual(target('10.1.2.3', { interface: 'management', hostname: 'prod-x-01' }));
  });

  it('keeps placeholders, mentions and markup leftovers out of hostnames', () => {
    const cells = [
      'N/A',
      '<!channel>',
      'unknown',
      '<!channel>-worker-01',
      '<@U0ADMIN>_*bold*_`code`',
      '[click](http://x.example)',
    ];
    const body = `| Host | IP |\n|---|---|\n${cells.map((cell, i) => `| ${cell} | 10.1.2.${i + 1} |`).join('\n')}`;
    expect(parseGapReport(body).map((t) => t.hostname)).toEqual(cells.map(() => null));
  });

  it('keeps a hostname as written, case included', () => {
    expect(
      only('| Host | IP |\n|---|---|\n| **Prod-DAL10-Worker-07.example.com** | 10.1.2.3 |').hostname,
    ).toBe('Prod-DAL10-Worker-07.example.com');
  });

  it('reads HTML tables whose first row uses <td> for the header', () => {
    const body =
      '<table><tr><td>Host</td><td>IP</td></tr><tr><td>prod-x-01</td><td>10.1.2.3</td></tr></table>';
    expect(only(body)).toEqual(target('10.1.2.3', { hostname: 'prod-x-01' }));
  });

  it('reads CSV with quoted cells, in any column order', () => {
    const body = '```\n"Last scan","Host, name",IP\n"Jan 31, 2025",prod-x-01,10.1.2.3\n```';
    expect(only(body)).toEqual(target('10.1.2.3', { hostname: 'prod-x-01', lastScan: '2025-01-31' }));
  });

  it('reads a fenced block that is not a table as ordinary lines', () => {
    const body = '```\nnetmax: 10.144.112.192/26 (Primary)\nunreachable: 10.144.112.200 (private)\n```';
    expect(only(body)).toEqual(target('10.144.112.200', { interface: 'private' }));
  });
});

describe('bullets, key: value lines and prose', () => {
  it('reads the runbook-style bullet', () => {
    const body = '- 10.1.2.3 (private) prod-dal10-carrier6-worker-07 PROD-US-SOUTH — Scan attempted: never';
    expect(only(body)).toEqual(
      target('10.1.2.3', {
        interface: 'private',
        hostname: 'prod-dal10-carrier6-worker-07',
        environment: 'PROD-US-SOUTH',
        neverScanned: true,
      }),
    );
  });

  it('reads free text', () => {
    expect(only('The machine 10.1.2.3 has not been scanned')).toEqual(target('10.1.2.3'));
    expect(
      only('The machine prod-dal10-worker-07 (10.1.2.3) was never scanned on its IPMI interface'),
    ).toEqual(
      target('10.1.2.3', { interface: 'management', hostname: 'prod-dal10-worker-07', neverScanned: true }),
    );
  });

  it('does not take ordinary hyphenated words for hostnames', () => {
    expect(only('10.1.2.3 is non-compliant and up-to-date, e.g. utf-8 output').hostname).toBeNull();
  });

  it('does not read "stage" in prose as the STAGE environment', () => {
    expect(only('10.1.2.3 is at an early stage').environment).toBeNull();
    expect(only('10.1.2.3 belongs to STAGE').environment).toBe('STAGE');
  });

  it('gives each IP of a line its own words', () => {
    const body = 'prod-x-01 (PROD-US-SOUTH): 10.1.2.3 (private), 169.1.2.3 (public); scan attempted: never';
    expect(
      parseGapReport(body).map((t) => [t.ip, t.interface, t.hostname, t.environment, t.neverScanned]),
    ).toEqual([
      ['10.1.2.3', 'private', 'prod-x-01', 'PROD-US-SOUTH', false],
      ['169.1.2.3', 'public', 'prod-x-01', 'PROD-US-SOUTH', true],
    ]);
  });

  it('shares what a line says among a plain list of IPs', () => {
    const body = 'Never scanned: 10.1.2.3, 10.1.2.4 and 10.1.2.5 (PROD-UK-SOUTH)';
    expect(parseGapReport(body).map((t) => [t.neverScanned, t.environment])).toEqual([
      [true, 'PROD-UK-SOUTH'],
      [true, 'PROD-UK-SOUTH'],
      [true, 'PROD-UK-SOUTH'],
    ]);
  });

  it('groups key: value lines into records whichever key comes first', () => {
    const body = 'Host: prod-a-01\nIP: 10.1.2.3\nHost: prod-b-01\nIP: 10.1.2.4\nType: public';
    expect(parseGapReport(body).map((t) => [t.ip, t.hostname, t.interface])).toEqual([
      ['10.1.2.3', 'prod-a-01', 'unknown'],
      ['10.1.2.4', 'prod-b-01', 'public'],
    ]);
  });

  it('does not hand the details of an invalid IP record to its neighbour', () => {
    const body = 'IP: 10.1.2.3\nHost: prod-a-01\nIP: 999.1.1.1\nHost: prod-evil-01\nScan attempted: never';
    expect(parseGapReport(body)).toEqual([target('10.1.2.3', { hostname: 'prod-a-01' })]);
  });

  it('applies a heading and a parent bullet to the items under them', () => {
    const body = [
      '### prod-tok02-worker-14 (PROD-AP-NORTH)',
      '- Private interfaces',
      '  - 10.1.2.3',
      '- IPMI: 10.1.2.4',
      '### Other',
      '- 10.1.2.5',
    ].join('\n');
    expect(parseGapReport(body).map((t) => [t.ip, t.interface, t.hostname, t.environment])).toEqual([
      ['10.1.2.3', 'private', 'prod-tok02-worker-14', 'PROD-AP-NORTH'],
      ['10.1.2.4', 'management', 'prod-tok02-worker-14', 'PROD-AP-NORTH'],
      ['10.1.2.5', 'unknown', null, null],
    ]);
  });

  it('does not let a summary heading mark its items never scanned', () => {
    expect(only('## 3 machines never scanned\n- 10.1.2.3').neverScanned).toBe(false);
    expect(only('## Scan attempted: never\n- 10.1.2.3').neverScanned).toBe(true);
  });
});

describe('values', () => {
  it.each([
    ['public', 'public'],
    ['Private', 'private'],
    ['IPMI', 'management'],
    ['management', 'management'],
    ['mgmt', 'management'],
    ['primary', 'unknown'],
    ['private/public', 'unknown'],
  ])('interface %s is %s', (value, expected) => {
    expect(only(`| IP | Interface |\n|---|---|\n| 10.1.2.3 | ${value} |`).interface).toBe(expected);
  });

  it.each([
    ['2025-01-31', '2025-01-31'],
    ['2025/01/31', '2025-01-31'],
    ['2025-01-31T10:00:00Z', '2025-01-31'],
    ['Jan 31, 2025', '2025-01-31'],
    ['January 31st 2025', '2025-01-31'],
    ['31 Jan 2025', '2025-01-31'],
    ['31-Jan-2025', '2025-01-31'],
    ['31/01/2025', '2025-01-31'],
    ['01/31/2025', '2025-01-31'],
    ['03/04/2025', null],
    ['2025-02-30', null],
    ['yesterday', null],
  ])('last scan %s is %s', (value, expected) => {
    expect(only(`| IP | Last scan |\n|---|---|\n| 10.1.2.3 | ${value} |`).lastScan).toBe(expected);
  });

  it.each([
    'Scan attempted: never',
    'scan attempted - Never',
    'never scanned',
    'has never been scanned',
    'never attempted',
    'Last scan: never',
  ])('"%s" means never scanned', (phrase) => {
    expect(only(`10.1.2.3 ${phrase}`).neverScanned).toBe(true);
  });

  it('does not take a scan-attempt date for a scan date', () => {
    expect(only('| IP | Scan attempted |\n|---|---|\n| 10.1.2.3 | 2025-02-02 |')).toEqual(target('10.1.2.3'));
  });

  it('needs a scan keyword before taking a date in prose for the last scan', () => {
    expect(only('10.1.2.3 reported 2025-02-03').lastScan).toBeNull();
    expect(only('10.1.2.3 last scanned 3 Feb 2024').lastScan).toBe('2024-02-03');
  });
});

describe('merging', () => {
  it('keeps the first-seen order, fills nulls later, ORs never and keeps the newest scan', () => {
    const body = [
      '| IP | Host | Last scan |',
      '|---|---|---|',
      '| 10.1.2.4 | | 2024-01-01 |',
      '| 10.1.2.3 | prod-a-01 | 2024-06-01 |',
      '',
      '- 10.1.2.4 prod-b-01 PROD-US-SOUTH last scan 2024-03-01',
      '- 10.1.2.3 prod-c-01 last scan 2023-01-01, scan attempted: never',
    ].join('\n');
    expect(parseGapReport(body)).toEqual([
      target('10.1.2.4', { hostname: 'prod-b-01', environment: 'PROD-US-SOUTH', lastScan: '2024-03-01' }),
      target('10.1.2.3', { hostname: 'prod-a-01', neverScanned: true, lastScan: '2024-06-01' }),
    ]);
  });

  it('lets a later row fill an unknown interface but not replace a known one', () => {
    const body = '- 10.1.2.3\n- 10.1.2.3 (public)\n- 10.1.2.3 (private)';
    expect(only(body).interface).toBe('public');
  });
});

describe('untrusted text', () => {
  it('caps every string field at 255 characters and strips control characters', () => {
    const long = `prod-${'a'.repeat(400)}`;
    const t = only(`| Host | IP | Env |\n|---|---|---|\n| ${long} | 10.1.2.3 | PROD-${'X'.repeat(400)} |`);
    expect(t.hostname).toHaveLength(255);
    expect(t.environment).toHaveLength(255);
    const u = only('| Host | IP |\n|---|---|\n| prod-\u0007x\u001b-01\u202e | 10.1.2.4 |');
    expect(u.hostname).toBe('prod-x-01');
  });

  it('never throws and only reports valid addresses that occur in the input', () => {
    const fragment = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '|',
        '\n',
        '| IP | Host |\n|---|---|\n',
        '```\n',
        '<table><tr><td>',
        '</td></tr></table>',
        '- ',
        '  - ',
        '# ',
        'IP: ',
        'Host: ',
        'Scan attempted: never',
        'http://',
        '](',
        '<!--',
        '10.1.2.3',
        '1.2.3.4.5',
        '999.1.1.1',
        'prod-x-01',
        'PROD-US-SOUTH',
        'private',
        'Jan 31, 2025',
        '\u0000',
        '\u202e',
      ),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), (parts) => {
        const body = parts.join('');
        const targets = parseGapReport(body);
        const seen = new Set<string>();
        for (const t of targets) {
          expect(isIPv4(t.ip)).toBe(true);
          expect(rendered(body)).toContain(t.ip);
          expect(seen.has(t.ip)).toBe(false);
          seen.add(t.ip);
          expect(Object.keys(t)).toEqual(KEY_ORDER);
          for (const value of [t.hostname, t.environment]) {
            if (value !== null) {
              expect(value.length).toBeLessThanOrEqual(255);
              expect(value).not.toMatch(CONTROL);
            }
          }
          if (t.lastScan !== null) expect(t.lastScan).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on non-string input from untyped callers', () => {
    expect(parseGapReport(undefined as unknown as string)).toEqual([]);
    expect(parseGapReport(null as unknown as string)).toEqual([]);
  });
});

describe('cost', () => {
  const ipOf = (i: number): string => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

  it('reads a 2 MB body with 20,000 IPs in well under 3 s', () => {
    const parts: string[] = ['# GAP ALERT - unscanned machines require investigation', ''];
    parts.push(
      '| Host | IP | Interface | Environment | Scan attempted | Last scan |',
      '|---|---|---|---|---|---|',
    );
    for (let i = 0; i < 10000; i++) {
      parts.push(
        `| prod-dal10-carrier6-worker-${i} | ${ipOf(i)} | private | PROD-US-SOUTH | never | 2024-01-0${1 + (i % 9)} |`,
      );
    }
    for (let i = 10000; i < 20000; i++) {
      parts.push(
        `- ${ipOf(i)} (public) prod-dal10-carrier6-worker-${i} PROD-US-SOUTH — Scan attempted: never`,
      );
    }
    const filler = `Notes: https://github.example/alcatraz/issues/${'x'.repeat(60)} see runbook v1.2.3.4 and 10.0.0.0/8`;
    let body = parts.join('\n');
    while (body.length < 2_000_000) body += `\n${filler}`;
    const started = performance.now();
    const targets = parseGapReport(body);
    const elapsed = performance.now() - started;
    expect(targets).toHaveLength(20000);
    expect(targets[19999]).toEqual(
      target(ipOf(19999), {
        interface: 'public',
        hostname: 'prod-dal10-carrier6-worker-19999',
        environment: 'PROD-US-SOUTH',
        neverScanned: true,
      }),
    );
    expect(elapsed).toBeLessThan(3000);
  });

  it.each([
    ['a long dotted run', () => '1.'.repeat(500_000)],
    ['unclosed tags', () => '<a '.repeat(300_000)],
    ['unclosed links', () => `${'[['.repeat(200_000)}${']('.repeat(100_000)}`],
    ['repeated keys', () => 'ip: '.repeat(200_000)],
    ['one line of 100,000 IPs', () => Array.from({ length: 100_000 }, (_, i) => ipOf(i)).join(', ')],
    ['a long whitespace run', () => `scan attempted${' '.repeat(1_000_000)}x 10.1.2.3`],
    ['a wide table row', () => `| IP |\n|---|\n${'| 10.1.2.3 '.repeat(100_000)}|`],
    ['an unclosed HTML table', () => `<table>${'<tr><td>10.1.2.3</td>'.repeat(50_000)}`],
    ['a long blockquote marker run', () => `${'>'.repeat(1_000_000)} 10.1.2.3`],
    ['many scanner keys on one line', () => 'Scanner: 10.0.0.5, prod-x-01 10.1.2.3; '.repeat(50_000)],
  ])('stays linear on %s', (_label, make) => {
    const body = make();
    const started = performance.now();
    expect(() => parseGapReport(body)).not.toThrow();
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('rows that disagree', () => {
  // "One IP listed on several rows is one target": the first row's environment is the target's, the
  // others are kept for the investigation to settle by where the machine is.
  it('keeps the environments of later rows that name another', () => {
    const [target] = parseGapReport(
      [
        '| Host | IP | Environment |',
        '|---|---|---|',
        '| a | 10.1.2.3 | PROD-EU-CENTRAL |',
        '| a | 10.1.2.3 | prod-eu-central |',
        '| a | 10.1.2.3 | PROD-US-SOUTH |',
      ].join('\n'),
    );
    expect(target).toMatchObject({ environment: 'PROD-EU-CENTRAL', otherEnvironments: ['PROD-US-SOUTH'] });
    expect(contractTarget(target as never)).not.toHaveProperty('otherEnvironments');
  });
});
