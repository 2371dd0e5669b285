import { blockKitBuilderUrl, display, renderThreadAsText } from '../../../sandbox/slack/render-thread.js';

const findingBlocks = [
  { type: 'header', text: { type: 'plain_text', text: 'Nessus scan gap #123' } },
  {
    type: 'section',
    text: { type: 'mrkdwn', text: '*10.0.0.1* &lt;app-01&gt; unscanned &amp; reachable', verbatim: true },
    fields: [
      { type: 'mrkdwn', text: '*Account*\n1234' },
      { type: 'plain_text', text: 'VLAN 900' },
    ],
  },
  { type: 'divider' },
  {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: 'See <https://github.example/o/r/issues/123|issue #123>' }],
  },
  {
    type: 'actions',
    elements: [
      { type: 'button', action_id: 'gap_confirm', text: { type: 'plain_text', text: 'Confirm' } },
      { type: 'button', action_id: 'gap_ignore', text: { type: 'plain_text', text: 'Ignore' } },
    ],
  },
];

describe('renderThreadAsText', () => {
  it('renders an alert and an indented reply with its blocks as text', () => {
    const text = renderThreadAsText([
      {
        ts: '1764150000.000100',
        username: 'PagerDuty',
        text: '',
        attachments: [{ title: 'Nessus scan gap', fields: [{ title: 'Issue', value: '#123' }] }],
      },
      {
        ts: '1764150001.000200',
        thread_ts: '1764150000.000100',
        user: 'U0BOT',
        text: 'fallback',
        blocks: findingBlocks,
      },
      {
        ts: '1764150002.000300',
        thread_ts: '1764150000.000100',
        user: 'U0BOT',
        text: 'Full report',
        files: [{ name: 'r.csv', title: 'Gap report' }],
        edited: { ts: '1' },
      },
    ]);
    expect(text).toBe(
      [
        'PagerDuty [1764150000.000100]',
        '  | Nessus scan gap',
        '  |   Issue: #123',
        '',
        '    U0BOT [1764150001.000200]',
        '      # Nessus scan gap #123',
        '      *10.0.0.1* <app-01> unscanned & reachable',
        '        *Account*',
        '        1234',
        '        VLAN 900',
        `      ${'-'.repeat(40)}`,
        '      See issue #123 (https://github.example/o/r/issues/123)',
        '      [Confirm] [Ignore]',
        '',
        '    U0BOT [1764150002.000300] (edited)',
        '      Full report',
        '      [file: Gap report]',
      ].join('\n'),
    );
  });

  it('falls back to the text when a message has no blocks', () => {
    expect(renderThreadAsText([{ ts: '1.000001', user: 'U1', text: 'a &amp; b' }])).toBe(
      'U1 [1.000001]\n  a & b',
    );
  });
});

describe('display', () => {
  it('shows mentions and links readably and unescapes &amp; last', () => {
    expect(display('<@U1> <#C1|alerts> <!here> <!subteam^S1|oncall> <http://x>')).toBe(
      '@U1 #alerts @here @oncall http://x',
    );
    expect(display('&amp;lt;b&amp;gt;')).toBe('&lt;b&gt;');
  });
});

describe('blockKitBuilderUrl', () => {
  it('encodes the blocks for the Block Kit Builder', () => {
    const url = blockKitBuilderUrl(findingBlocks);
    expect(url.startsWith('https://app.slack.com/block-kit-builder/#')).toBe(true);
    const encoded = url.slice('https://app.slack.com/block-kit-builder/#'.length);
    expect(JSON.parse(decodeURIComponent(encoded))).toEqual({ blocks: findingBlocks });
    expect(encoded).not.toMatch(/[{}"\s]/);
  });
});
