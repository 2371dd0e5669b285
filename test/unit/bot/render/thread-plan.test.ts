import { MAX_THREAD_MESSAGES } from '../../../../src/bot/render/limits.js';
import { THREAD_ORDER } from '../../../../src/bot/render/thread-order.js';
import { MAX_PLANNED_REPLIES, planThread } from '../../../../src/bot/render/thread-plan.js';
import { checkBlockLimits } from '../../../../src/bot/render/validate-blocks.js';
import { ACTIONS, CATEGORIES } from '../../../../src/runbook/model.js';
import {
  buildFinding,
  buildReport,
  manyFindings,
  oneFindingPerCategory,
} from '../../runbook/report/finding-builder.js';
import { CTX } from './render-helpers.js';

describe('THREAD_ORDER', () => {
  it('holds every category exactly once, one-click inventory fixes first and reachable last', () => {
    expect([...THREAD_ORDER].sort()).toEqual([...CATEGORIES].sort());
    expect(THREAD_ORDER[0]).toBe('not_in_account');
    expect(THREAD_ORDER.at(-1)).toBe('reachable');
    expect(THREAD_ORDER.indexOf('check_failed')).toBeGreaterThan(THREAD_ORDER.indexOf('stale_scan'));
  });
});

describe('planThread', () => {
  it('posts the categories in THREAD_ORDER with stable keys, sharing messages only to fit the thread', () => {
    const report = buildReport(oneFindingPerCategory());
    const plan = planThread(report, CTX);
    // Summary and report file are messages too: the 15 causes fit in 13 replies, two of them shared.
    expect(plan).toHaveLength(MAX_PLANNED_REPLIES);
    expect(MAX_PLANNED_REPLIES).toBe(MAX_THREAD_MESSAGES - 2);
    expect(plan.flatMap((message) => message.key.split('+'))).toEqual(
      THREAD_ORDER.map((category) => `category:${category}:0`),
    );
    expect(plan.filter((message) => message.key.includes('+'))).toHaveLength(2);
    for (const message of plan) expect(checkBlockLimits(message)).toEqual([]);
    expect(planThread(report, CTX)).toEqual(plan);
  });

  it('gives each cause its own message when they fit', () => {
    const report = buildReport(oneFindingPerCategory().slice(0, MAX_PLANNED_REPLIES));
    expect(planThread(report, CTX).every((message) => !message.key.includes('+'))).toBe(true);
  });

  it('leaves out absent categories', () => {
    const report = buildReport([
      buildFinding({ category: 'reachable', ip: '10.0.0.1', actions: ['launch_scan', 'recheck'] }),
      buildFinding({ category: 'not_in_account', ip: '10.0.0.2' }),
    ]);
    expect(planThread(report, CTX).map((message) => message.key)).toEqual([
      'category:not_in_account:0',
      'category:reachable:0',
    ]);
  });

  it('plans nothing for an empty report', () => {
    expect(planThread(buildReport([]), CTX)).toEqual([]);
  });

  it('keeps 1000 realistic findings within the thread budget, every cause shown', () => {
    const plan = planThread(buildReport(manyFindings(1000)), CTX);
    expect(plan.length).toBeLessThanOrEqual(MAX_PLANNED_REPLIES);
    expect(
      new Set(plan.flatMap((message) => message.key.split('+').map((key) => key.split(':')[1]))).size,
    ).toBe(CATEGORIES.length);
    for (const message of plan) {
      expect(message.blocks.filter((block) => block.block_id?.startsWith('finding:')).length).toBeGreaterThan(
        0,
      );
      expect(checkBlockLimits(message)).toEqual([]);
    }
  });

  it.each([
    ['the default', undefined],
    ['15 per message', 15],
    ['a careless 500 per message', 500],
  ])('keeps 1000 findings with every button to at most 15 messages (%s)', (_name, maxPerMessage) => {
    // Seven buttons with dialogs per finding: ten of them cannot share a message, so fewer are shown.
    const findings = manyFindings(1000).map((finding) => ({ ...finding, actions: [...ACTIONS] }));
    const plan = planThread(buildReport(findings), { ...CTX, maxPerMessage });
    // Worst case: seven confirm dialogs per finding leave no room to share messages; still bounded.
    expect(plan.length).toBeLessThanOrEqual(MAX_THREAD_MESSAGES);
    expect(new Set(plan.map((message) => message.key)).size).toBe(plan.length);
    for (const message of plan) expect(checkBlockLimits(message)).toEqual([]);
  });
});
