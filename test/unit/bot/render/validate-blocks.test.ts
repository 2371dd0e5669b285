import type { Block, Button, SlackMessage } from '../../../../src/bot/render/blocks.js';
import { checkBlockLimits, measureText } from '../../../../src/bot/render/validate-blocks.js';

const text = (value: string) => ({ type: 'mrkdwn' as const, text: value, verbatim: true });
const label = (value: string) => ({ type: 'plain_text' as const, text: value });
const button = (overrides: Partial<Button> = {}): Button => ({
  type: 'button',
  action_id: 'recheck:10.0.0.1',
  text: label('Re-check'),
  ...overrides,
});
const message = (blocks: Block[], fallback = 'fallback'): SlackMessage => ({ text: fallback, blocks });
const problems = (value: unknown) =>
  checkBlockLimits(value).map((violation) => `${violation.path}: ${violation.problem}`);

describe('checkBlockLimits', () => {
  it('accepts a small valid message', () => {
    expect(
      problems(
        message([
          { type: 'section', text: text('hi') },
          { type: 'actions', elements: [button()] },
        ]),
      ),
    ).toEqual([]);
  });

  it.each<[string, unknown, RegExp]>([
    ['a non-object', 'nope', /message: is not an object/],
    ['a missing fallback', { blocks: [] }, /text: the notification fallback is missing/],
    [
      'too many blocks',
      message(Array.from({ length: 51 }, () => ({ type: 'divider' }) as Block)),
      /51 blocks, over 50/,
    ],
    [
      'a long section',
      message([{ type: 'section', text: text('x'.repeat(3001)) }]),
      /3001 characters, over 3000/,
    ],
    ['an empty section', message([{ type: 'section' }]), /neither text nor fields/],
    [
      '11 fields',
      message([{ type: 'section', fields: Array.from({ length: 11 }, () => text('f')) }]),
      /11 items, over 10/,
    ],
    ['a long header', message([{ type: 'header', text: label('h'.repeat(151)) }]), /over 150/],
    [
      'a mrkdwn header',
      message([{ type: 'header', text: text('h') } as unknown as Block]),
      /must be plain_text/,
    ],
    [
      'non-verbatim mrkdwn',
      message([{ type: 'section', text: { type: 'mrkdwn', text: 'x' } }]),
      /must be verbatim/,
    ],
    ['an empty text', message([{ type: 'context', elements: [text('')] }]), /is empty/],
    [
      '11 context elements',
      message([{ type: 'context', elements: Array.from({ length: 11 }, () => text('c')) }]),
      /over 10/,
    ],
    [
      '26 buttons',
      message([
        {
          type: 'actions',
          elements: Array.from({ length: 26 }, (_, n) => button({ action_id: `recheck:${n}` })),
        },
      ]),
      /26 items, over 25/,
    ],
    [
      'a long button text',
      message([{ type: 'actions', elements: [button({ text: label('b'.repeat(76)) })] }]),
      /over 75/,
    ],
    [
      'a long action id',
      message([{ type: 'actions', elements: [button({ action_id: `recheck:${'a'.repeat(250)}` })] }]),
      /action_id: over 255/,
    ],
    [
      'a long value',
      message([{ type: 'actions', elements: [button({ value: 'v'.repeat(2001) })] }]),
      /2001 characters/,
    ],
    [
      'a repeated action id',
      message([
        { type: 'actions', elements: [button()] },
        { type: 'actions', elements: [button()] },
      ]),
      /not unique in the message/,
    ],
    [
      'a repeated block id',
      message([
        { type: 'divider', block_id: 'a' },
        { type: 'divider', block_id: 'a' },
      ]),
      /"a" is not unique/,
    ],
    [
      'a side effect without confirm',
      message([{ type: 'actions', elements: [button({ action_id: 'power_on:10.0.0.1' })] }]),
      /must ask first/,
    ],
    [
      'a long confirm text',
      message([
        {
          type: 'actions',
          elements: [
            button({
              action_id: 'power_on:10.0.0.1',
              confirm: {
                title: label('t'),
                text: label('x'.repeat(301)),
                confirm: label('Yes'),
                deny: label('No'),
              },
            }),
          ],
        },
      ]),
      /confirm\.text\.text: 301 characters, over 300/,
    ],
    [
      'a bad style',
      message([{ type: 'actions', elements: [button({ style: 'loud' as 'danger' })] }]),
      /primary or danger/,
    ],
    ['an unknown block', message([{ type: 'image' } as unknown as Block]), /not a block type we send/],
    [
      'too much text in all',
      message(Array.from({ length: 5 }, () => ({ type: 'section', text: text('x'.repeat(2000)) }) as Block)),
      /10000 characters of text, over our 8000/,
    ],
  ])('reports %s', (_name, value, expected) => {
    expect(problems(value).join('\n')).toMatch(expected);
  });
});

describe('measureText', () => {
  it('sums the text of every text object, buttons and dialogs included', () => {
    const confirm = { title: label('ab'), text: label('cde'), confirm: label('f'), deny: label('g') };
    expect(
      measureText(
        message([
          { type: 'section', text: text('1234') },
          { type: 'actions', elements: [button({ text: label('12'), confirm })] },
        ]),
      ),
    ).toBe(4 + 2 + 2 + 3 + 1 + 1);
  });
});
