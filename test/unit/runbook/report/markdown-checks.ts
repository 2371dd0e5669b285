/** Assertions about rendered markdown shared by the report tests. */
import { ZERO_WIDTH_SPACE } from '../../../../src/runbook/report/escape-markdown.js';

/** What a reader sees of escaped inline text: escapes, entities and zero-width spaces undone. */
export function renderedText(markdown: string): string {
  return markdown
    .replaceAll(ZERO_WIDTH_SPACE, '')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&(amp|lt|gt);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>' })[name] ?? '');
}

/** Characters of `special` that stand in the text unescaped (not preceded by an escaping backslash). */
export function unescapedSpecials(markdown: string, special: string): string[] {
  const found: string[] = [];
  for (let index = 0; index < markdown.length; index += 1) {
    const char = markdown[index] ?? '';
    if (char === '\\') {
      index += 1;
      continue;
    }
    if (special.includes(char)) found.push(char);
  }
  return found;
}

/** Positions of `@` or `#` not followed by a zero-width space (a mention or reference could form). */
export function linkableMarkers(markdown: string): string[] {
  return [...markdown.matchAll(new RegExp(`[@#](?!${ZERO_WIDTH_SPACE})\\S{0,12}`, 'g'))].map(
    (match) => match[0],
  );
}

/** The number of cells of a table row, splitting on unescaped `|` only. */
export function cellCount(row: string): number {
  return unescapedSpecials(row, '|').length - 1;
}
