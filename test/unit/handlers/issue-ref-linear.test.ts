/**
 * The issue reference scanners see anyone's text (an alert can be 200,000 characters): they must give
 * what the regular expressions they replaced gave, and cost a bounded number of steps per character
 * of text whatever it holds. Cost is counted in characters examined, not in seconds.
 */
import fc from 'fast-check';
import { findIssueRef, parseIssueRef, type StepMeter } from '../../../src/handlers/issue-ref.js';

const repo = 'alchemy-conductors/alcatraz';

/** The former implementation, kept here as the reference (quadratic on some inputs: small ones only). */
function oracleUrl(repoName: string, whole: boolean): RegExp {
  const escaped = repoName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const body = `https?://[^\\s/<>|]+(?:/[^\\s<>|]*)?/${escaped}/issues/(\\d{1,8})(?:[#?][^\\s<>|]*)?/?`;
  return new RegExp(whole ? `^<?${body}>?$` : body, 'i');
}
const toNumber = (digits: string | undefined) => {
  const n = Number(digits);
  return Number.isInteger(n) && n > 0 && n < 10_000_000 ? n : null;
};
function oracleFind(text: string): number | null {
  const url = oracleUrl(repo, false).exec(text);
  if (url) return toNumber(url[1]);
  const hash = /(?:^|[\s(:])#(\d{1,8})\b/.exec(text);
  return hash ? toNumber(hash[1]) : null;
}
function oracleParse(text: string): number | null {
  const value = text.trim();
  const bare = /^#?(\d{1,8})$/.exec(value);
  if (bare) return toNumber(bare[1]);
  const url = oracleUrl(repo, true).exec(value);
  return url ? toNumber(url[1]) : null;
}

const piece = fc.constantFrom(
  'http://',
  'https://',
  'HTTP://',
  'h',
  'ttp',
  's',
  ':',
  '/',
  '//',
  'github.ibm.com',
  '/alchemy-conductors/alcatraz/issues/',
  '/Alchemy-Conductors/ALCATRAZ/Issues/',
  '/other/repo/issues/',
  'issues/',
  '1',
  '42',
  '123456789',
  '0',
  '#',
  '?',
  '(',
  'x',
  '_',
  ' ',
  '\n',
  '\u00a0',
  '<',
  '>',
  '|',
);

/** Text shaped like an issue's URL, with generated pieces where the variations are. */
const urlish = fc
  .tuple(
    fc.constantFrom('', '<', ' ', 'x'),
    fc.constantFrom('http://', 'HTTPS://', 'http:///', 'https://', 'ftp://'),
    fc.array(fc.constantFrom('github.ibm.com', 'x', ':443', '/', '/api/v3/repos', '//', '?'), {
      maxLength: 3,
    }),
    fc.constantFrom(
      '/alchemy-conductors/alcatraz/issues/',
      '/Alchemy-Conductors/Alcatraz/ISSUES/',
      '/o/r/issues/',
    ),
    fc.constantFrom('1', '42', '0', '12345678', '123456789', '9999999', ''),
    fc.array(
      fc.constantFrom('#', '?', '/', 'x', '#issuecomment-1', '/alchemy-conductors/alcatraz/issues/7', ' '),
      {
        maxLength: 2,
      },
    ),
    fc.constantFrom('', '>', '/', ' ', '|x', '/>'),
  )
  .map((parts) => parts.flat().join(''));

describe('issue references: the same answers as the regular expressions they replace', () => {
  it('findIssueRef on generated text', () => {
    let found = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, urlish), { maxLength: 10 }), (pieces) => {
        const text = pieces.join('');
        const expected = oracleFind(text);
        if (expected !== null) found++;
        expect(findIssueRef(text, repo)).toBe(expected);
      }),
      { numRuns: 4000, seed: 12 },
    );
    // The generator reaches references, not only misses.
    expect(found).toBeGreaterThan(400);
  });

  it('parseIssueRef on generated text', () => {
    let found = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          urlish,
          fc.array(piece, { maxLength: 16 }).map((p) => p.join('')),
        ),
        (text) => {
          const expected = oracleParse(text);
          if (expected !== null) found++;
          expect(parseIssueRef(text, repo)).toBe(expected);
        },
      ),
      { numRuns: 4000, seed: 12 },
    );
    expect(found).toBeGreaterThan(50);
  });

  it.each([
    ['see https://github.ibm.com/alchemy-conductors/alcatraz/issues/5120.', 5120],
    ['<https://github.ibm.com/alchemy-conductors/alcatraz/issues/5120|#5120>', 5120],
    ['http:///x https://h/alchemy-conductors/alcatraz/issues/7', 7],
    ['https://h/alchemy-conductors/alcatraz/issues/1#/alchemy-conductors/alcatraz/issues/2', 2],
    ['(#31) and https://h/other/repo/issues/4', 31],
  ])('%s -> %s', (text, expected) => {
    expect(findIssueRef(text, repo)).toBe(expected);
    expect(oracleFind(text)).toBe(expected);
  });
});

/** Pathological texts of about `n` characters: runs of URL-like text with no space. */
function pathological(n: number): Record<string, string> {
  const fill = (unit: string, tail = '') => unit.repeat(Math.ceil(n / unit.length)).slice(0, n) + tail;
  return {
    'schemes without a path': fill('http://a'),
    'paths without the repository': fill('http://a/'),
    'empty hosts': fill('http:///'),
    'a path then schemes': `/alchemy-conductors/alcatraz/issues/1${fill('http://a')}`,
    'near misses of the path': fill('/alchemy-conductors/alcatraz/issue'),
    'repeated paths without numbers': `https://h${fill('/alchemy-conductors/alcatraz/issues/')}`,
    'repeated paths, numbers too long': `https://h${fill('/alchemy-conductors/alcatraz/issues/123456789')} x`,
    'hashes without a boundary': fill('(#1234567890'),
    'hashes after words': fill('a#1'),
    slashes: fill('/'),
  };
}

describe('issue references: linear cost', () => {
  const PER_CHAR = 12;
  const n = 200_000;

  it.each(Object.keys(pathological(10)))('findIssueRef, %s: at most 12 steps a character', (name) => {
    const text = pathological(n)[name] as string;
    const meter: StepMeter = { steps: 0 };
    findIssueRef(text, repo, meter);
    process.stdout.write(
      `FIGURE issueRef.${name.replace(/\W+/g, '_')} ${(meter.steps / text.length).toFixed(2)} steps a character\n`,
    );
    // Every character was looked at (the meter counts), and only a few times each.
    expect(meter.steps).toBeGreaterThanOrEqual(text.length);
    expect(meter.steps).toBeLessThanOrEqual(PER_CHAR * text.length);
    // Doubling the text at most doubles the steps (plus the fixed cost of the repository's name).
    const twice = pathological(2 * n)[name] as string;
    const meter2: StepMeter = { steps: 0 };
    findIssueRef(twice, repo, meter2);
    expect(meter2.steps).toBeLessThanOrEqual(2 * meter.steps + 200);
  });

  it.each(Object.keys(pathological(10)))('parseIssueRef, %s: at most 12 steps a character', (name) => {
    const text = pathological(n)[name] as string;
    const meter: StepMeter = { steps: 0 };
    parseIssueRef(text, repo, meter);
    expect(meter.steps).toBeLessThanOrEqual(PER_CHAR * text.length);
  });

  it('the red team text (189,000 characters of URL-like text in an attachment) costs a few steps a character', () => {
    const text = `GAP ALERT ${'https://x.example/a/'.repeat(9450)}`;
    const meter: StepMeter = { steps: 0 };
    expect(findIssueRef(text, repo, meter)).toBeNull();
    expect(meter.steps).toBeGreaterThanOrEqual(text.length);
    process.stdout.write(`FIGURE issueRef.steps ${meter.steps} for ${text.length} characters\n`);
    expect(meter.steps).toBeLessThanOrEqual(PER_CHAR * text.length);
  });
});
