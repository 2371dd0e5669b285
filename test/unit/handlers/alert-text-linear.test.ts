/**
 * Everything an alert post says is gathered in one pass over the message: at most one step per
 * character of the message's JSON (each node visited once, each string taken once), whatever its
 * shape. With the issue reference scan after it (test/unit/handlers/issue-ref-linear.test.ts), an
 * alert costs a bounded number of steps per character Slack sent.
 */
import { findIssueRef, type StepMeter } from '../../../src/handlers/issue-ref.js';
import { alertText } from '../../../src/handlers/messages/alert-text.js';

type Message = Parameters<typeof alertText>[0];

function nested(depth: number, leaf: unknown): unknown {
  let node: unknown = leaf;
  for (let i = 0; i < depth; i++) node = { type: 'rich_text_section', elements: [node, node] };
  return node;
}

const shapes: Record<string, Message> = {
  'many empty blocks': { blocks: Array.from({ length: 50_000 }, () => ({})) },
  'many attachments with fields': {
    attachments: Array.from({ length: 5_000 }, () => ({
      fields: Array.from({ length: 10 }, () => ({ title: 't', value: 'v' })),
    })),
  },
  'nesting past the cut': { blocks: [nested(16, { type: 'text', text: 'x' })] as unknown[] },
  'the red team attachment': {
    text: 'GAP ALERT',
    attachments: [{ text: 'https://x.example/a/'.repeat(9450) }],
  },
  'not blocks at all': { text: 5, attachments: 'x', blocks: [null, 3, 'y', [], { text: { text: 7 } }] },
};

describe('alert text: linear cost', () => {
  it.each(Object.keys(shapes))('%s: at most one step per character of its JSON', (name) => {
    const message = shapes[name] as Message;
    const size = JSON.stringify(message).length;
    const meter: StepMeter = { steps: 0 };
    const text = alertText(message, meter);
    expect(meter.steps).toBeGreaterThan(0);
    expect(meter.steps).toBeLessThanOrEqual(size);
    const scan: StepMeter = { steps: 0 };
    findIssueRef(text, 'alchemy-conductors/alcatraz', scan);
    // Plus a fixed cost: the search table of the repository's path, once.
    expect(scan.steps).toBeLessThanOrEqual(12 * text.length + 100);
    if (name === 'the red team attachment') {
      process.stdout.write(
        `FIGURE alert.redTeam json=${size} alertTextSteps=${meter.steps} issueRefSteps=${scan.steps}\n`,
      );
    }
  });
});
