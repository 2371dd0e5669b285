import fc from 'fast-check';
import {
  escapeHtml,
  escapeMarkdown,
  escapeMarkdownKeepingCode,
  escapeTableCell,
  markdownLink,
  ZERO_WIDTH_SPACE,
} from '../../../../src/runbook/report/escape-markdown.js';
import { toSingleLine } from '../../../../src/runbook/report/sanitize.js';
import { linkableMarkers, renderedText, unescapedSpecials } from './markdown-checks.js';

const ZW = ZERO_WIDTH_SPACE;

const HOSTILE = [
  '@channel',
  'ping @org/team now',
  '<script>alert(1)</script>',
  '[click](http://evil)',
  '![x](http://evil/img)',
  '<!channel> <!here>',
  'a | b || c',
  'line one\nline two\r\n# heading',
  '`rm -rf /` and ```fence```',
  '&#64;alice &lt;b&gt;',
  '1. not a list',
  '- not a bullet',
  '+ not a bullet',
  '$\\color{red}{spoof}$',
  'www.evil.example and https://evil.example/x',
  'alice@example.com',
  'alchemy-conductors/alcatraz#12 and #34',
  '**bold** _em_ ~~strike~~ [^1]',
  'back\\slash \\[not a link\\]',
  '<http://evil>',
];

describe('escapeMarkdown', () => {
  it.each(HOSTILE)('renders %j as the same text and nothing else', (input) => {
    const output = escapeMarkdown(input);
    expect(renderedText(output)).toBe(toSingleLine(input));
    expect(output).not.toMatch(/[<>\n\r]/);
    expect(unescapedSpecials(output, '`*_[]~|$')).toEqual([]);
    expect(linkableMarkers(output)).toEqual([]);
    expect(output).not.toContain('://');
    expect(output.toLowerCase()).not.toContain('www.');
  });

  it('neutralises mentions with a zero-width space after the @', () => {
    expect(escapeMarkdown('@channel')).toBe(`@${ZW}channel`);
    expect(escapeMarkdown('@org/team')).toBe(`@${ZW}org/team`);
  });

  it('turns HTML into entities, ampersand first', () => {
    expect(escapeMarkdown('<script>')).toBe('&lt;script&gt;');
    expect(escapeMarkdown('<!channel>')).toBe('&lt;!channel&gt;');
    expect(escapeMarkdown('&#64;alice')).toBe(`&amp;${'#'}${ZW}64;alice`);
  });

  it('makes links, images and autolinks inert', () => {
    expect(escapeMarkdown('[click](http://evil)')).toBe(`\\[click\\](http:${ZW}//evil)`);
    expect(escapeMarkdown('![x](http://evil/img)')).toBe(`!\\[x\\](http:${ZW}//evil/img)`);
    expect(escapeMarkdown('WWW.evil.example')).toBe(`WWW${ZW}.evil.example`);
  });

  it('escapes block markers only at the start, where they could open a block', () => {
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('12. item')).toBe('12\\. item');
    expect(escapeMarkdown('# title')).toBe(`#${ZW} title`);
    expect(escapeMarkdown('prod-dal10-carrier4-worker-01')).toBe('prod-dal10-carrier4-worker-01');
    expect(escapeMarkdown('10.10.1.11')).toBe('10.10.1.11');
  });

  it('puts everything on one line and drops control characters', () => {
    expect(escapeMarkdown('  a\n\n b\u2028c\x1b[31md\x07  ')).toBe('a b cd');
  });

  it('keeps any text readable and inert (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (input) => {
        const output = escapeMarkdown(input);
        expect(renderedText(output)).toBe(toSingleLine(input));
        expect(output).not.toMatch(/[<>\n\r]/);
        expect(unescapedSpecials(output, '`*_[]~|$')).toEqual([]);
        expect(linkableMarkers(output)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('escapeTableCell', () => {
  it('keeps a cell one cell and one line', () => {
    const cell = escapeTableCell('a | b\nc `d` <e>');
    expect(cell).toBe('a \\| b<br>c \\`d\\` &lt;e&gt;');
    expect(escapeTableCell('\n \n')).toBe('');
  });
});

describe('escapeMarkdownKeepingCode', () => {
  it('keeps commands as code spans and escapes the rest', () => {
    expect(escapeMarkdownKeepingCode('Run `nessuscli fix --reset-all` on @host')).toBe(
      `Run \`nessuscli fix --reset-all\` on @${ZW}host`,
    );
    expect(escapeMarkdownKeepingCode('`ping 10.1.2.3` first')).toBe('`ping 10.1.2.3` first');
  });

  it('shows an unpaired backtick as itself', () => {
    expect(escapeMarkdownKeepingCode('a `b` c `d *e*')).toBe('a `b` c \\`d \\*e\\*');
  });

  it('uses <code> around escaped text in a table cell, so a pipe cannot end the cell', () => {
    expect(escapeMarkdownKeepingCode('run `a | b\\` now', { tableCell: true })).toBe(
      'run <code>a \\| b\\\\</code> now',
    );
  });

  it('never leaves markup outside code spans (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (input) => {
        const output = escapeMarkdownKeepingCode(input, { tableCell: true });
        expect(output).not.toMatch(/[\n\r]/);
        expect(unescapedSpecials(output.replace(/<\/?code>/g, ''), '`*_[]~|$<>')).toEqual([]);
        expect(linkableMarkers(output)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('escapeHtml and markdownLink', () => {
  it('escapes text for our own HTML', () => {
    expect(escapeHtml('a "b" <c> & d')).toBe('a &quot;b&quot; &lt;c&gt; &amp; d');
  });

  it('links only http(s) URLs, with a destination that cannot end early', () => {
    expect(markdownLink('Runbook', 'https://example.com/a b?q=<x>)')).toBe(
      '[Runbook](<https://example.com/a%20b?q=%3Cx%3E)>)',
    );
    expect(markdownLink('click', 'javascript:alert(1)')).toBe('click');
    // A backtick in the destination could open a code span that a later backtick closes.
    expect(markdownLink('a', 'https://evil.example/<a>?`')).toBe('[a](<https://evil.example/%3Ca%3E?%60>)');
    expect(markdownLink('b', 'https://evil.example/x\\y')).toBe('[b](<https://evil.example/x/y>)');
    expect(markdownLink('[x](http://evil)', 'https://ok.example/')).toBe(
      `[\\[x\\](http:${ZW}//evil)](<https://ok.example/>)`,
    );
  });
});
