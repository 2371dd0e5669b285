/**
 * SoftLayer object filters (docs/outside-apis.md section 1.4): a JSON tree rooted at the property the method
 * returns (`{"hardware":{...}}`), with `{"operation": ...}` leaves. Literal operations (`value`, `_=`, `*=`,
 * `^=`, `$=`, `!=`, `<`, `~`, `is null`, ...), `in`/`or`/`and` with a `data` option, and `orderBy` with
 * `sort` (and `sortOrder`) options. Date operations are not emulated. Like the real API, a filter it cannot
 * read is ignored and the results come back unfiltered.
 */
import type { SoftLayerObject } from './mask-apply.js';

type Predicate = (object: SoftLayerObject) => boolean;

interface Sort {
  path: string[];
  descending: boolean;
  /** The `sortOrder` option: lower sorts first; without it, the order of appearance. */
  precedence: number;
}

export interface CompiledFilter {
  predicates: Predicate[];
  sorts: Sort[];
}

class Unreadable extends Error {}

const NO_FILTER: CompiledFilter = { predicates: [], sorts: [] };

/** Values at `path`, descending through arrays (a relational list matches when any element does). */
function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  const [head, ...rest] = path;
  if (head === undefined) return [value];
  if (typeof value !== 'object' || value === null) return [];
  return valuesAt((value as SoftLayerObject)[head], rest);
}

const LITERAL_OPERATORS = [
  '!^=',
  '!$=',
  '!*=',
  '^=',
  '$=',
  '*=',
  '_=',
  '!=',
  '>=',
  '<=',
  '!~',
  '>',
  '<',
  '~',
];

function compare(actual: unknown, expected: string): number {
  const a = Number(actual);
  const b = Number(expected);
  if (
    typeof actual !== 'boolean' &&
    actual !== '' &&
    expected !== '' &&
    Number.isFinite(a) &&
    Number.isFinite(b)
  ) {
    return a - b;
  }
  return String(actual).localeCompare(expected);
}

function literalTest(operation: string | number | boolean): (actual: unknown) => boolean {
  if (typeof operation !== 'string')
    return (actual) => actual === operation || String(actual) === String(operation);
  const text = operation.trim();
  if (text === 'is null') return (actual) => actual === undefined || actual === null;
  if (text === 'not null') return (actual) => actual !== undefined && actual !== null;
  const operator = LITERAL_OPERATORS.find((op) => text.startsWith(op));
  if (!operator) return (actual) => actual !== undefined && actual !== null && String(actual) === text;
  const expected = text.slice(operator.length).trim();
  const tests: Record<string, (actual: string, raw: unknown) => boolean> = {
    '^=': (actual) => actual.startsWith(expected),
    '!^=': (actual) => !actual.startsWith(expected),
    '$=': (actual) => actual.endsWith(expected),
    '!$=': (actual) => !actual.endsWith(expected),
    '*=': (actual) => actual.includes(expected),
    '!*=': (actual) => !actual.includes(expected),
    // "Checks that the lowercased column equals value": the value itself is not lowercased.
    '_=': (actual) => actual.toLowerCase() === expected,
    '!=': (actual) => actual !== expected,
    '>': (_actual, raw) => compare(raw, expected) > 0,
    '>=': (_actual, raw) => compare(raw, expected) >= 0,
    '<': (_actual, raw) => compare(raw, expected) < 0,
    '<=': (_actual, raw) => compare(raw, expected) <= 0,
    '~': (actual) => safeRegex(expected).test(actual),
    '!~': (actual) => !safeRegex(expected).test(actual),
  };
  const test = tests[operator];
  if (!test) throw new Unreadable(operator);
  return (actual) => actual !== undefined && actual !== null && test(String(actual), actual);
}

function safeRegex(source: string): RegExp {
  try {
    return new RegExp(source);
  } catch {
    throw new Unreadable(`bad regex ${source}`);
  }
}

function optionValue(options: unknown, name: string): unknown[] {
  if (!Array.isArray(options)) throw new Unreadable('options must be a list');
  const option = options.find(
    (entry): entry is { name: string; value: unknown } =>
      typeof entry === 'object' && entry !== null && (entry as { name?: unknown }).name === name,
  );
  if (!option || !Array.isArray(option.value)) throw new Unreadable(`option ${name} missing`);
  return option.value;
}

function hasOption(options: unknown[], name: string): boolean {
  return options.some(
    (entry) => typeof entry === 'object' && entry !== null && (entry as { name?: unknown }).name === name,
  );
}

function compileLeaf(path: string[], leaf: SoftLayerObject, into: CompiledFilter): void {
  const operation = leaf.operation;
  if (operation === 'in') {
    const allowed = optionValue(leaf.options, 'data').map(String);
    into.predicates.push((object) => valuesAt(object, path).some((value) => allowed.includes(String(value))));
    return;
  }
  if (operation === 'or' || operation === 'and') {
    const tests = optionValue(leaf.options, 'data').map((value) => {
      if (typeof value !== 'string' && typeof value !== 'number') throw new Unreadable('or/and data');
      return literalTest(value);
    });
    const combine = operation === 'or' ? 'some' : 'every';
    into.predicates.push((object) =>
      valuesAt(object, path).some((value) => tests[combine]((test) => test(value))),
    );
    return;
  }
  if (operation === 'orderBy') {
    const [direction] = optionValue(leaf.options, 'sort');
    if (typeof direction !== 'string' || !/^(ASC|DESC)$/i.test(direction))
      throw new Unreadable('sort direction');
    const [order] =
      Array.isArray(leaf.options) && hasOption(leaf.options, 'sortOrder')
        ? optionValue(leaf.options, 'sortOrder')
        : [into.sorts.length + 1000];
    if (typeof order !== 'number') throw new Unreadable('sortOrder');
    into.sorts.push({ path, descending: direction.toUpperCase() === 'DESC', precedence: order });
    into.sorts.sort((a, b) => a.precedence - b.precedence);
    return;
  }
  if (typeof operation === 'string' || typeof operation === 'number' || typeof operation === 'boolean') {
    const test = literalTest(operation);
    into.predicates.push((object) => valuesAt(object, path).some(test));
    return;
  }
  // Date operations and anything else: not emulated, so unreadable (the whole filter is ignored).
  throw new Unreadable(`operation ${String(operation)}`);
}

function compileLevel(path: string[], node: unknown, into: CompiledFilter): void {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) throw new Unreadable('not an object');
  for (const [name, child] of Object.entries(node as SoftLayerObject)) {
    const childPath = [...path, name];
    if (typeof child === 'object' && child !== null && 'operation' in child) {
      compileLeaf(childPath, child as SoftLayerObject, into);
    } else {
      compileLevel(childPath, child, into);
    }
  }
}

/**
 * Reads the `objectFilter` query value for a method returning `root` (e.g. `hardware`). Unparseable
 * JSON, another root, or an unreadable clause give no filter at all, as the real API silently does.
 */
export function compileObjectFilter(text: string | null, root: string): CompiledFilter {
  if (!text) return NO_FILTER;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || !(root in parsed)) return NO_FILTER;
    const compiled: CompiledFilter = { predicates: [], sorts: [] };
    compileLevel([], (parsed as SoftLayerObject)[root], compiled);
    return compiled;
  } catch {
    return NO_FILTER;
  }
}

function sortKey(object: SoftLayerObject, path: readonly string[]): unknown {
  return valuesAt(object, path)[0];
}

export function applyObjectFilter<T extends SoftLayerObject>(
  objects: readonly T[],
  filter: CompiledFilter,
): T[] {
  const kept = objects.filter((object) => filter.predicates.every((predicate) => predicate(object)));
  if (filter.sorts.length === 0) return kept;
  return kept.sort((a, b) => {
    for (const sort of filter.sorts) {
      const left = sortKey(a, sort.path);
      const right = sortKey(b, sort.path);
      if (left === right) continue;
      // Objects without the property sort last either way.
      if (left === undefined || left === null) return 1;
      if (right === undefined || right === null) return -1;
      const order = compare(left, String(right));
      if (order !== 0) return sort.descending ? -order : order;
    }
    return 0;
  });
}
