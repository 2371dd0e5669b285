/**
 * SoftLayer object masks: parsing `mask[a,b,rel[x,y]]`, a bare `a,b,rel[x]`, dotted `rel.x`, and the
 * multi-mask cast form `[mask[...],mask(SoftLayer_Hardware_Server)[...]]` (docs/outside-apis.md section 1.3).
 */

/** The properties requested at one level; `null` children = the relational's default local properties. */
export type MaskLevel = Map<string, MaskLevel | null>;

export interface ObjectMask {
  /** Properties requested for the declared return type. */
  plain: MaskLevel;
  /** Properties requested through `mask(Type)[...]`, by type name. */
  casts: Map<string, MaskLevel>;
}

export class MaskSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MaskSyntaxError';
  }
}

type Token = { kind: 'name'; text: string } | { kind: 'punct'; text: '[' | ']' | '(' | ')' | ',' };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:([A-Za-z_][A-Za-z0-9_.]*)|([[\](),]))/y;
  let index = 0;
  while (index < text.length) {
    if (/^\s*$/.test(text.slice(index))) break;
    pattern.lastIndex = index;
    const match = pattern.exec(text);
    if (!match) throw new MaskSyntaxError(`unexpected character at ${index} in object mask`);
    if (match[1] !== undefined) tokens.push({ kind: 'name', text: match[1] });
    else tokens.push({ kind: 'punct', text: match[2] as '[' | ']' | '(' | ')' | ',' });
    index = pattern.lastIndex;
  }
  return tokens;
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  parseMask(): ObjectMask {
    const mask: ObjectMask = { plain: new Map(), casts: new Map() };
    if (this.tokens.length === 0) return mask;
    if (this.isPunct('[')) {
      // `[mask[...], mask(Type)[...]]`
      this.position++;
      do this.parseMaskExpression(mask);
      while (this.takePunct(','));
      this.expectPunct(']');
    } else if (this.startsMaskExpression()) {
      do this.parseMaskExpression(mask);
      while (this.takePunct(','));
    } else {
      this.parseProperties(mask.plain);
    }
    if (this.position < this.tokens.length) throw new MaskSyntaxError('trailing text after object mask');
    return mask;
  }

  private startsMaskExpression(): boolean {
    const token = this.tokens[this.position];
    const next = this.tokens[this.position + 1];
    return (
      token?.kind === 'name' &&
      token.text === 'mask' &&
      next?.kind === 'punct' &&
      (next.text === '[' || next.text === '(')
    );
  }

  private parseMaskExpression(mask: ObjectMask): void {
    if (!this.startsMaskExpression()) throw new MaskSyntaxError('expected mask[...] or mask(Type)[...]');
    this.position++;
    let target = mask.plain;
    if (this.takePunct('(')) {
      const type = this.expectName();
      this.expectPunct(')');
      target = mask.casts.get(type) ?? new Map();
      mask.casts.set(type, target);
    }
    this.expectPunct('[');
    this.parseProperties(target);
    this.expectPunct(']');
  }

  private parseProperties(level: MaskLevel): void {
    if (this.isPunct(']')) return;
    do {
      const path = this.expectName().split('.');
      let children: MaskLevel | null = null;
      if (this.takePunct('[')) {
        children = new Map();
        this.parseProperties(children);
        this.expectPunct(']');
      }
      addPath(level, path, children);
    } while (this.takePunct(','));
  }

  private isPunct(text: string): boolean {
    const token = this.tokens[this.position];
    return token?.kind === 'punct' && token.text === text;
  }

  private takePunct(text: string): boolean {
    if (!this.isPunct(text)) return false;
    this.position++;
    return true;
  }

  private expectPunct(text: string): void {
    if (!this.takePunct(text)) throw new MaskSyntaxError(`expected '${text}' in object mask`);
  }

  private expectName(): string {
    const token = this.tokens[this.position];
    if (token?.kind !== 'name' || token.text.split('.').some((part) => part === '')) {
      throw new MaskSyntaxError('expected a property name in object mask');
    }
    this.position++;
    return token.text;
  }
}

/** `a.b.c` with children X is `a[b[c[X]]]`; repeated properties merge. */
function addPath(level: MaskLevel, path: string[], children: MaskLevel | null): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  const existing = level.get(head);
  if (rest.length === 0) {
    level.set(head, mergeLevels(existing ?? null, children));
    return;
  }
  const next = existing ?? new Map<string, MaskLevel | null>();
  level.set(head, next);
  addPath(next, rest, children);
}

export function mergeLevels(a: MaskLevel | null, b: MaskLevel | null): MaskLevel | null {
  if (a === null) return b;
  if (b === null) return a;
  const merged: MaskLevel = new Map(a);
  for (const [name, children] of b) merged.set(name, mergeLevels(merged.get(name) ?? null, children));
  return merged;
}

/** Parses the `objectMask` query value; throws MaskSyntaxError when it cannot be read. */
export function parseObjectMask(text: string): ObjectMask {
  return new Parser(tokenize(text)).parseMask();
}
