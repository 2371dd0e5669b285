/**
 * Recognisers for the values a gap report carries next to an IP: interface kind, environment name,
 * hostname and "never scanned". Two strengths: a cell or `key: value` (the column says what it is) and
 * loose (a word somewhere near an IP, which must look unmistakably like the thing).
 */
import type { InterfaceKind } from '../model.js';

/** The runbook's environment table. */
export const KNOWN_ENVIRONMENTS: readonly string[] = [
  'PROD-AP-NORTH',
  'PROD-US-SOUTH',
  'STAGE',
  'FOUNDATION',
  'PROD-AP-SOUTH',
  'PROD-US-EAST',
  'DEV-PRESTAGE',
  'PROD-EU-CENTRAL',
  'PROD-UK-SOUTH',
];
const KNOWN_SET = new Set(KNOWN_ENVIRONMENTS);
const ENVIRONMENT_SHAPE = /^(?:PROD|STAGE|DEV|PRESTAGE|FOUNDATION|SUP)(?:-[A-Z0-9]+)*$/i;

const PUBLIC_WORDS = new Set(['public', 'front', 'frontend', 'external', 'internet']);
const PRIVATE_WORDS = new Set(['private', 'back', 'backend', 'internal']);
const MANAGEMENT_WORDS = new Set(['ipmi', 'management', 'mgmt', 'bmc', 'oob']);
/** Words an interface cell may hold besides the kind itself ("Private IP", "IPMI interface"). */
const INTERFACE_FILLERS = new Set([
  'ip',
  'ips',
  'interface',
  'iface',
  'nic',
  'network',
  'net',
  'address',
  'addr',
]);
const LOOSE_INTERFACE =
  /^(public|private|ipmi|management|mgmt)(?:[-_](?:ip|ips|interface|iface|nic|network|net|addr|address|vlan))?$/i;

function wordKind(word: string): InterfaceKind | null {
  if (PUBLIC_WORDS.has(word)) return 'public';
  if (PRIVATE_WORDS.has(word)) return 'private';
  if (MANAGEMENT_WORDS.has(word)) return 'management';
  return null;
}

/** The one interface kind a cell names ("Private", "IPMI (management)"); null when none or several. */
export function interfaceFromCell(text: string, wholeCell = false): InterfaceKind | null {
  const words =
    text
      .slice(0, 200)
      .toLowerCase()
      .match(/[a-z]+/g) ?? [];
  let kind: InterfaceKind | null = null;
  for (const word of words) {
    const found = wordKind(word);
    if (found === null) {
      if (wholeCell && !INTERFACE_FILLERS.has(word)) return null;
      continue;
    }
    if (kind !== null && kind !== found) return null;
    kind = found;
  }
  return kind;
}

/** A single word in running text that names an interface (`private`, `(IPMI)`, `public-ip`). */
export function interfaceFromToken(token: string): InterfaceKind | null {
  if (token.length < 4 || !'pPiImM'.includes(token[0] as string)) return null;
  const match = LOOSE_INTERFACE.exec(token);
  if (!match) return null;
  return wordKind((match[1] as string).toLowerCase());
}

/** An environment column: a known name or any PROD/STAGE/DEV/... shaped token, upper-cased. */
export function environmentFromCell(text: string): string | null {
  for (const token of text.slice(0, 300).split(/[^A-Za-z0-9-]+/)) {
    const trimmed = token.replace(/^-+|-+$/g, '');
    if (trimmed && ENVIRONMENT_SHAPE.test(trimmed)) return trimmed.toUpperCase();
  }
  return null;
}

/**
 * An environment name in running text: a known multi-part name in any case, a known single word in
 * upper case (STAGE, not "stage"), or an upper-case PROD-XX-YY shape whose parts are not bare numbers.
 */
export function environmentFromToken(token: string): string | null {
  if (token.length < 3 || !'PSDFpsdf'.includes(token[0] as string)) return null;
  const upper = token.toUpperCase();
  if (KNOWN_SET.has(upper) && (token.includes('-') || token === upper)) return upper;
  if (token !== upper || !token.includes('-') || !ENVIRONMENT_SHAPE.test(token)) return null;
  return token.split('-').every((part) => /[A-Z]/.test(part)) ? upper : null;
}

function isKnownEnvironment(token: string): boolean {
  return KNOWN_SET.has(token.toUpperCase());
}

/** Letters, digits, dots and dashes, starting with a letter and holding at least one dot or dash. */
const HOSTNAME_SHAPE = /^[A-Za-z][A-Za-z0-9.-]*$/;
const PLACEHOLDERS = new Set([
  'n',
  'a',
  'na',
  'none',
  'null',
  'nil',
  'unknown',
  'tbd',
  'undefined',
  'missing',
  'never',
  'yes',
  'no',
]);

/** Strips the punctuation a word picks up in prose: `(name)`, `name,`, `_name_`, `name.` */
export function trimToken(token: string): string {
  if (isAlphanumeric(token.charCodeAt(0)) && isAlphanumeric(token.charCodeAt(token.length - 1))) return token;
  return token.replace(/^[^A-Za-z0-9]+/, '').replace(/[^A-Za-z0-9]+$/, '');
}

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function hostnameShaped(token: string): boolean {
  if (!HOSTNAME_SHAPE.test(token) || !/[.-]/.test(token)) return false;
  if (isKnownEnvironment(token) || interfaceFromToken(token) !== null) return false;
  if (/^v\d/i.test(token)) return false;
  return !PLACEHOLDERS.has(token.toLowerCase());
}

/**
 * A host column or `Host:` value: the first word shaped like a hostname. Only wrapping punctuation is
 * taken off a word: `@channel` or `!here` are mentions, and a lone word ("click", "bold") left over
 * from markup is no hostname.
 */
export function hostnameFromCell(text: string): string | null {
  for (const word of text.slice(0, 2000).split(/[\s,;|()[\]{}<>"'=]+/)) {
    const token = word.replace(/^[*_`~]+/, '').replace(/[*_`~.:!?]+$/, '');
    if (token && hostnameShaped(token)) return token;
  }
  return null;
}

/**
 * A hostname in running text must look like one beyond doubt: lower-case letters, a dash or dot, and
 * either two lettered parts with a digit somewhere (`prod-dal10-worker-07`) or a dotted name of three
 * or more labels (`host1.example.com`). "non-compliant", "utf-8" and "e.g." do not qualify.
 */
export function isLooseHostname(token: string): boolean {
  if (!hostnameShaped(token) || !/[a-z]/.test(token) || !/[.-]/.test(token)) return false;
  const labels = token.split(/[.-]/);
  if (labels.some((label) => label === '')) return false;
  const lettered = labels.filter((label) => /[A-Za-z]/.test(label)).length;
  if (/\d/.test(token) && lettered >= 2) return true;
  const dotted = token.split('.');
  return dotted.length >= 3 && /^[A-Za-z]{2,}$/.test(dotted[dotted.length - 1] as string);
}

const NEVER_PHRASES = [
  /\bnever (?:been |ever |once )?(?:scanned|attempted)\b/,
  /\bscan(?:s|ned)? never (?:been )?(?:scanned|attempted|run)\b/,
  /\battempt(?:ed)?[ :=\-\u2013\u2014]{1,4}never\b/,
  /\blast scan(?:ned)?(?: date| time| on)?[ :=\-\u2013\u2014]{1,4}never\b/,
];

/** "Scan attempted: never", "never scanned", "never attempted", "Last scan: never" (text from normalizeForMatch). */
export function saysNeverScanned(normalized: string): boolean {
  return NEVER_PHRASES.some((phrase) => phrase.test(normalized));
}

/** A "Scan attempted" value: "never"/"no"/"none" mean the scan was never attempted. */
export function attemptValueIsNever(normalized: string): boolean {
  return /^(?:never|no|none|false|0|n)\b/.test(normalized);
}

/** A "Never scanned" column value: yes/true/x/check mark. */
export function isTruthy(normalized: string): boolean {
  return (
    /^(?:yes|y|true|x|1|\u2713|\u2714|\u2705|never)\b/u.test(normalized) ||
    /^[\u2713\u2714\u2705]/u.test(normalized)
  );
}
