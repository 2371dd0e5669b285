import { ACTION_DESCRIPTORS } from '../../../../src/runbook/actions/index.js';
import { CATEGORIES } from '../../../../src/runbook/model.js';
import {
  CATEGORY_EMOJI,
  CATEGORY_FACTS,
  CATEGORY_HINTS,
  CATEGORY_LABELS,
} from '../../../../src/runbook/report/labels.js';

describe('labels', () => {
  it('names every category once, in words safe where nothing can be escaped', () => {
    const labels = CATEGORIES.map((category) => CATEGORY_LABELS[category]);
    expect(new Set(labels).size).toBe(CATEGORIES.length);
    for (const category of CATEGORIES) {
      for (const text of [CATEGORY_LABELS[category], CATEGORY_HINTS[category], CATEGORY_FACTS[category]]) {
        expect(text).toMatch(/^[^"<>&\n\r`@#|*_[\]]+$/);
      }
      expect(CATEGORY_EMOJI[category]).toMatch(/^:[a-z0-9_+-]+:$/);
    }
    expect(Object.keys(CATEGORY_LABELS)).toHaveLength(CATEGORIES.length);
  });

  it('labels every action, each verb once', () => {
    for (const action of ACTION_DESCRIPTORS) {
      expect(action.label).toMatch(/^[A-Z][\w -]+$/);
      expect(action.outcome).toMatch(/^[A-Z][\w -]+$/);
      expect(action.bulkLabel(37)).toMatch(/37/);
    }
    expect(new Set(ACTION_DESCRIPTORS.map((action) => action.verb)).size).toBe(ACTION_DESCRIPTORS.length);
    expect(new Set(ACTION_DESCRIPTORS.map((action) => action.label)).size).toBe(ACTION_DESCRIPTORS.length);
  });
});
