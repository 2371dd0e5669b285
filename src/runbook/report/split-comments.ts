/**
 * Packing rendered markdown blocks into GitHub comments of at most `maxChars` characters each.
 *
 * A block is never split: it goes whole into the next comment, or, when it cannot fit even in an
 * empty comment, its `fit` gives a shorter rendering. A container (a table, a `<details>`) left open
 * at the end of a comment is closed there and opened again, marked as continued, in the next, so every
 * comment renders on its own. Lengths are UTF-16 code units (`string.length`), never fewer than the
 * characters GitHub counts.
 */

export interface Container {
  /** Blocks with the same container id in a row share one opening. */
  id: string;
  /** Text before the first block; `continued` when the container was opened in an earlier comment. */
  open(continued: boolean): string;
  /** Text after the last block. */
  close: string;
  /** Text between two blocks of the container. */
  joiner: string;
}

export interface Block {
  text: string;
  container: Container | null;
  /** A rendering of at most `maxChars` characters, for a block too long for any comment. */
  fit?: (maxChars: number) => string;
}

export interface CommentFrame {
  /** First line(s) of the first comment; `part` is `''` or ` (part 1 of 3)`. */
  firstHeader(part: string): string;
  /** First line(s) of every later comment. */
  continuationHeader(part: string): string;
  /** Last line of every comment but the last; `nextPart` is ` (part 2 of 3)`. */
  footer(nextPart: string): string;
}

const TOP_JOINER = '\n\n';
/** The longest part label the frame is measured with: a report never needs 100,000 comments. */
const WIDEST_PART = ' (part 99999 of 99999)';

export function splitIntoComments(blocks: readonly Block[], frame: CommentFrame, maxChars: number): string[] {
  const firstCapacity = maxChars - (frame.firstHeader(WIDEST_PART) + TOP_JOINER).length;
  const laterCapacity = maxChars - (frame.continuationHeader(WIDEST_PART) + TOP_JOINER).length;
  const footerCost = (TOP_JOINER + frame.footer(WIDEST_PART)).length;

  const bodies: string[] = [];
  const opened = new Set<string>();
  let body = '';
  let open: Container | null = null;

  const capacity = () => (bodies.length === 0 ? firstCapacity : laterCapacity) - footerCost;
  const finishComment = () => {
    bodies.push(body + (open ? open.close : ''));
    body = '';
    open = null;
  };
  const appendText = (block: Block, text: string): string => {
    const container = block.container;
    if (container !== null && open !== null && open.id === container.id)
      return body + container.joiner + text;
    let next = body + (open ? open.close : '') + (body === '' ? '' : TOP_JOINER);
    if (container !== null) next += container.open(opened.has(container.id));
    return next + text;
  };
  const accept = (block: Block, next: string) => {
    body = next;
    open = block.container;
    if (block.container) opened.add(block.container.id);
  };

  for (const block of blocks) {
    const closing = block.container?.close.length ?? 0;
    let next = appendText(block, block.text);
    if (next.length + closing <= capacity()) {
      accept(block, next);
      continue;
    }
    if (body !== '') finishComment();
    next = appendText(block, block.text);
    if (next.length + closing > capacity()) {
      const room = capacity() - closing - (next.length - block.text.length);
      const shorter = block.fit?.(room);
      if (shorter === undefined || shorter.length > room) {
        throw new RangeError(
          `a block of ${block.text.length} characters cannot fit in a comment of ${maxChars}`,
        );
      }
      next = appendText(block, shorter);
    }
    accept(block, next);
  }
  if (body !== '' || bodies.length === 0) finishComment();

  const total = bodies.length;
  const partLabel = (index: number) => (total === 1 ? '' : ` (part ${index + 1} of ${total})`);
  return bodies.map((text, index) => {
    const header =
      index === 0 ? frame.firstHeader(partLabel(index)) : frame.continuationHeader(partLabel(index));
    const footer = index < total - 1 ? TOP_JOINER + frame.footer(partLabel(index + 1)) : '';
    return header + TOP_JOINER + text + footer;
  });
}
