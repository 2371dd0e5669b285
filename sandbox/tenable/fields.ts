/**
 * Tenable.sc's value and field conventions (docs/outside-apis.md section 2.2): ids, timestamps and booleans
 * travel as strings, and `?fields=a,b,c` picks what comes back (`id` always does).
 */

export type ScObject = Record<string, unknown>;

/** Numbers and booleans as strings, null as `""`, recursively: how SC sends scenario values. */
export function asScStrings(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(asScStrings);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, asScStrings(inner)]));
  }
  return value;
}

/** The `fields` query value as a list, or undefined when absent or empty. */
export function requestedFields(query: URLSearchParams): string[] | undefined {
  const text = query.get('fields');
  if (!text) return undefined;
  const fields = text
    .split(',')
    .map((field) => field.trim())
    .filter((field) => field !== '');
  return fields.length > 0 ? fields : undefined;
}

/** `id` plus the requested fields the object has (unknown fields are left out, not refused). */
export function pickFields(object: ScObject, fields: readonly string[]): ScObject {
  const picked: ScObject = { id: object.id };
  for (const field of fields) {
    if (field in object) picked[field] = object[field];
  }
  return picked;
}

/** The `filter` query value as lowercase tokens (`filter=excludeAllDefined,usable`). */
export function filterTokens(query: URLSearchParams): Set<string> {
  return new Set(
    (query.get('filter') ?? '')
      .split(',')
      .map((token) => token.trim().toLowerCase())
      .filter((token) => token !== ''),
  );
}

/**
 * `{usable, manageable}` as list endpoints answer. Each object is usable; most (all but every third) are
 * also manageable, so a client has to deduplicate by id. `filter=usable` / `filter=manageable` keep only
 * the named list(s) [U whether the other key is then absent or empty; absent is the stricter choice].
 */
export function usableManageable(objects: readonly ScObject[], tokens: ReadonlySet<string>): ScObject {
  const wantUsable = tokens.has('usable') || !tokens.has('manageable');
  const wantManageable = tokens.has('manageable') || !tokens.has('usable');
  const result: ScObject = {};
  if (wantUsable) result.usable = objects;
  if (wantManageable) result.manageable = objects.filter((_object, index) => index % 3 !== 2);
  return result;
}
