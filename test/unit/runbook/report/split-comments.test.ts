import {
  type Block,
  type Container,
  splitIntoComments,
} from '../../../../src/runbook/report/split-comments.js';

const frame = {
  firstHeader: (part: string) => `# Report${part}`,
  continuationHeader: (part: string) => `# More${part}`,
  footer: (next: string) => `next${next}`,
};

const list: Container = {
  id: 'list',
  open: (continued) => (continued ? '<list continued>\n' : '<list>\n'),
  close: '\n</list>',
  joiner: '\n',
};

describe('splitIntoComments', () => {
  it('keeps everything in one comment when it fits, without part labels', () => {
    const blocks: Block[] = [
      { text: 'intro', container: null },
      { text: 'a', container: list },
      { text: 'b', container: list },
    ];
    expect(splitIntoComments(blocks, frame, 1000)).toEqual(['# Report\n\nintro\n\n<list>\na\nb\n</list>']);
  });

  it('closes a container at the end of a comment and reopens it, continued, in the next', () => {
    const blocks: Block[] = [
      { text: 'intro', container: null },
      ...['one', 'two', 'three', 'four'].map((text) => ({ text: text.repeat(4), container: list })),
    ];
    // Room for a body: 110 less the widest header ("(part 99999 of 99999)") and footer.
    const comments = splitIntoComments(blocks, frame, 110);
    expect(comments).toEqual([
      '# Report (part 1 of 3)\n\nintro\n\n<list>\noneoneoneone\ntwotwotwotwo\n</list>\n\nnext (part 2 of 3)',
      '# More (part 2 of 3)\n\n<list continued>\nthreethreethreethree\n</list>\n\nnext (part 3 of 3)',
      '# More (part 3 of 3)\n\n<list continued>\nfourfourfourfour\n</list>',
    ]);
    for (const comment of comments) expect(comment.length).toBeLessThanOrEqual(110);
  });

  it('asks a block too long for any comment for a shorter rendering, and fails without one', () => {
    const long = 'x'.repeat(500);
    const fitted = splitIntoComments(
      [{ text: long, container: list, fit: (room) => `short ${room}` }],
      frame,
      120,
    );
    expect(fitted).toHaveLength(1);
    expect(fitted[0]).toMatch(/^# Report\n\n<list>\nshort \d+\n<\/list>$/);
    expect(() => splitIntoComments([{ text: long, container: null }], frame, 120)).toThrow(RangeError);
  });
});
