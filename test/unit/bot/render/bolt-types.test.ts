/**
 * Our block shapes must be what Bolt's `chat.postMessage` accepts: the assignments below fail the
 * type check (`npm run typecheck`) if they drift; the runtime part keeps jest honest about the file.
 */
import type { types } from '@slack/bolt';
import type { Block, SlackMessage } from '../../../../src/bot/render/blocks.js';
import { renderCategory } from '../../../../src/bot/render/category.js';
import { renderSummary } from '../../../../src/bot/render/summary.js';
import { buildFinding, buildReport } from '../../runbook/report/finding-builder.js';
import { CTX } from './render-helpers.js';

const asKnownBlocks = (blocks: Block[]): types.KnownBlock[] => blocks;
const asBoltMessage = (message: SlackMessage): { text: string; blocks: types.KnownBlock[] } => message;

describe('Bolt compatibility', () => {
  it('renders blocks Bolt types accept', () => {
    const [category] = renderCategory('not_in_account', [buildFinding()], CTX);
    const summary = renderSummary({
      report: buildReport([buildFinding()]),
      issue: { ...CTX.issue, title: 't' },
      status: 'done',
    });
    expect(asKnownBlocks(category?.blocks ?? []).length).toBeGreaterThan(0);
    expect(asBoltMessage(summary).blocks.length).toBeGreaterThan(0);
  });
});
