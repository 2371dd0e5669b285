import { ACTIONS, CATEGORIES } from '../../../../src/runbook/model.js';
import {
  ACTION_LABELS,
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

  it('labels every action', () => {
    for (const action of ACTIONS) expect(ACTION_LABELS[action]).toMatch(/^[A-Z][\w -]+$/);
  });
});
