import { findIssueRef, parseIssueRef } from '../../../src/handlers/issue-ref.js';
import { alertText } from '../../../src/handlers/messages/alert-text.js';

const repo = 'alchemy-conductors/alcatraz';

describe('parseIssueRef', () => {
  it.each([
    ['4711', 4711],
    ['#4711', 4711],
    [' #12 ', 12],
    ['https://github.ibm.com/alchemy-conductors/alcatraz/issues/5120', 5120],
    ['<https://github.ibm.com/alchemy-conductors/alcatraz/issues/5120>', 5120],
    ['https://ghe.example/api/v3/repos/alchemy-conductors/alcatraz/issues/7', 7],
    ['http://github.sandbox.local/alchemy-conductors/alcatraz/issues/9#issuecomment-1', 9],
  ])('%s -> %s', (text, expected) => {
    expect(parseIssueRef(text, repo)).toBe(expected);
  });

  it.each([
    '',
    'abc',
    '#0',
    '-3',
    '12abc',
    'https://github.ibm.com/other/repo/issues/5',
    '#123456789',
    '4711 extra',
  ])('rejects %j', (text) => {
    expect(parseIssueRef(text, repo)).toBeNull();
  });
});

describe('findIssueRef', () => {
  it('prefers the issue URL of the gap repo over other numbers', () => {
    const text =
      'Incident #99: GAP ALERT - see https://github.ibm.com/alchemy-conductors/alcatraz/issues/5120 for details';
    expect(findIssueRef(text, repo)).toBe(5120);
  });
  it('falls back to #N and finds nothing in plain text', () => {
    expect(findIssueRef('GAP ALERT for issue #77', repo)).toBe(77);
    expect(findIssueRef('GAP ALERT - unscanned machines require investigation', repo)).toBeNull();
  });
});

describe('alertText', () => {
  it('joins text, attachments (fields, blocks) and nested rich text blocks', () => {
    const text = alertText({
      text: '',
      attachments: [
        {
          fallback: '[Triggered] GAP ALERT',
          fields: [{ title: 'Issue', value: 'alcatraz#1' }],
          blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'inner' } }],
        },
      ],
      blocks: [
        {
          type: 'rich_text',
          elements: [
            { type: 'rich_text_section', elements: [{ type: 'link', url: 'https://x/y', text: 'link' }] },
          ],
        },
      ],
    });
    expect(text).toContain('[Triggered] GAP ALERT');
    expect(text).toContain('alcatraz#1');
    expect(text).toContain('inner');
    expect(text).toContain('https://x/y');
  });
  it('ignores malformed shapes', () => {
    expect(alertText({ text: 5, attachments: 'x', blocks: [null, 3, { text: { text: 7 } }] })).toBe('');
  });
});
