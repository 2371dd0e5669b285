import { generateWorld } from '../../../sandbox/generate-world.js';

describe('generateWorld copies', () => {
  it('files the same gap issue under consecutive numbers, for investigations that run at once', () => {
    const { scenario } = generateWorld(14, { copies: 3 });
    const gap = scenario.github.issues.filter((issue) => issue.repo === scenario.github.gapRepo);
    expect(gap.map((issue) => issue.number)).toEqual([9001, 9002, 9003]);
    expect(new Set(gap.map((issue) => issue.body)).size).toBe(1);
    expect(scenario.github.gapIssue).toBe(9001);
    expect(
      generateWorld(14).scenario.github.issues.filter((i) => i.repo === scenario.github.gapRepo),
    ).toHaveLength(1);
  });
});
