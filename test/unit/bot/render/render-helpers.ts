/** Shared helpers for the Block Kit renderer tests: walking every string, finding buttons. */
import type { Block, Button, SlackMessage } from '../../../../src/bot/render/blocks.js';
import { diagnose } from '../../../../src/runbook/diagnose.js';
import type { Finding } from '../../../../src/runbook/finding.js';
import { CATEGORIES, type Category } from '../../../../src/runbook/model.js';
import { CATEGORY_EXAMPLES } from '../../runbook/category-examples.js';
import { CONTEXT } from '../../runbook/evidence-builder.js';

export const CTX = { investigationId: 42, issue: { repo: 'alchemy-conductors/alcatraz', number: 5120 } };

/** A real finding of the category, as the diagnosis produces it. */
export function realFinding(category: Category): Finding {
  return diagnose(CATEGORY_EXAMPLES[category], CONTEXT);
}

export const REAL_FINDINGS: Readonly<Record<Category, Finding>> = Object.fromEntries(
  CATEGORIES.map((category) => [category, realFinding(category)]),
) as Record<Category, Finding>;

/** Every string in the JSON with its path (keys included), for the escaping tests. */
export function allStrings(value: unknown, path = '$'): { path: string; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => allStrings(item, `${path}[${index}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => [
      { path: `${path}.<key>`, text: key },
      ...allStrings(item, `${path}.${key}`),
    ]);
  }
  return [];
}

export function buttonsOf(message: Pick<SlackMessage, 'blocks'> | { blocks: Block[] }): Button[] {
  return message.blocks.flatMap((block) => (block.type === 'actions' ? block.elements : []));
}

/** The mrkdwn or plain text of every block, in order, one string per text object. */
export function textsOf(message: { blocks: Block[] }): string[] {
  return message.blocks.flatMap((block) => {
    if (block.type === 'section') return [block.text?.text ?? '', ...(block.fields ?? []).map((f) => f.text)];
    if (block.type === 'header') return [block.text.text];
    if (block.type === 'context') return block.elements.map((element) => element.text);
    return [];
  });
}
