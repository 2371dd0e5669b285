import fc from 'fast-check';
import { cleanLines, toSingleLine } from '../../../src/runbook/report/sanitize.js';

describe('toSingleLine', () => {
  it('gives what cleaning every line and joining them gives, clean text or not', () => {
    const piece = fc.constantFrom(
      'a',
      'Z',
      '9',
      ' ',
      '  ',
      '\t',
      '\n',
      '\r\n',
      '\u2028',
      '\x1b[31m',
      '\x07',
      '\u202e',
      'é',
      '-',
      '~',
      '\x7f',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(toSingleLine(text)).toBe(cleanLines(text).join(' '));
      }),
      { numRuns: 3000, seed: 6 },
    );
  });

  it('returns clean text as it is and cleans the rest', () => {
    expect(toSingleLine('prod-dal10 10.1.2.3 (bare metal)')).toBe('prod-dal10 10.1.2.3 (bare metal)');
    expect(toSingleLine(' a  b\n\x1b[2Jc ')).toBe('a b c');
  });
});
