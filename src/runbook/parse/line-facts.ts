/**
 * One line of prose, a bullet or `key: value` text: its IPs and what the line says about each.
 * A line naming several IPs is cut between them at the strongest separator (`;`, `|`, dashes, `,`,
 * "and"), so "10.1.2.3 (private), 10.1.2.4 (public)" gives each IP its own words; words before the
 * first IP (a hostname, an environment) belong to all of them.
 */
import { type Column, classifyHeader } from './columns.js';
import { findDates } from './dates.js';
import { type Facts, fillFacts, newFacts } from './facts.js';
import { findIps, type IpHit } from './find-ips.js';
import { readNamedValue } from './named-value.js';
import { blankSpans, findUrlSpans, normalizeForMatch } from './text.js';
import {
  environmentFromToken,
  interfaceFromToken,
  isLooseHostname,
  saysNeverScanned,
  trimToken,
} from './values.js';

export interface LineItem {
  ip: string;
  facts: Facts;
}

export interface LineAnalysis {
  items: LineItem[];
  /** For a line without IPs: what its `key: value` pairs say. */
  keyFacts: Facts;
  /** For a line without IPs: the pairs plus what its words say. */
  allFacts: Facts;
  /** The line has an IP key but no valid address ("IP: 999.1.1.1"). */
  ipKeyWithoutIp: boolean;
}

interface KeyValue {
  column: Column;
  keyStart: number;
  valueStart: number;
  valueEnd: number;
}

type Span = readonly [number, number];

/** Keys people write before a value; a `scanner`/`gateway`/`subnet` key marks its value as not ours. */
const KEY_PATTERN =
  /(?<![A-Za-z0-9_-])(ip address(?:es)?|ip addr|ipv4 address|ipv4|ips?|address|(?:private|public|management|mgmt|ipmi) ip|private|public|management|mgmt|ipmi|host ?name|host|server(?: name)?|machine(?: name)?|name|fqdn|interface(?: type)?|iface|network(?: type)?|type|env(?:ironment)?|last scan(?:ned)?(?: date| on)?|scan date|scan attempted|last attempted|attempted|never scanned|(?:nessus )?scanner(?: name| ip)?|scan zone|zone|gateway|subnet|vlan|router)["']? ?[:=](?!\/\/)/gi;
const FOREIGN_VALUE_END = /[,;|\u2013\u2014]| - /;

export function analyzeLine(content: string): LineAnalysis {
  const text = content.replace(/\s+/g, ' ').trim();
  const pairs = findKeyValues(text);
  const foreign = pairs.filter((p) => p.column.kind === 'other').map((p): Span => [p.valueStart, p.valueEnd]);
  const hits = outside(findIps(text), foreign);
  const hidden = [...findUrlSpans(text), ...foreign, ...hits.map((h): Span => [h.start, h.end])];
  hidden.sort((a, b) => a[0] - b[0]);
  const words = blankSpans(text, hidden);
  const line: Line = { text, words, pairs };

  if (hits.length === 0) {
    const keyFacts = factsFromPairs(line, 0, text.length);
    const allFacts = newFacts(keyFacts);
    fillFacts(allFacts, looseFacts(line, 0, text.length, null));
    return { items: [], keyFacts, allFacts, ipKeyWithoutIp: pairs.some((p) => p.column.kind === 'ip') };
  }
  return { items: itemsOf(line, hits), keyFacts: {}, allFacts: {}, ipKeyWithoutIp: false };
}

interface Line {
  text: string;
  /** The text with URLs, IPs and foreign values blanked: where hostnames, names and dates are looked for. */
  words: string;
  pairs: KeyValue[];
}

function itemsOf(line: Line, hits: readonly IpHit[]): LineItem[] {
  const { text } = line;
  const betweens = hits.slice(1).map((hit, i) => text.slice((hits[i] as IpHit).end, hit.start));
  if (betweens.every(isOnlySeparators)) {
    // A plain list of IPs: whatever the line says, it says about all of them.
    const first = hits[0] as IpHit;
    const last = hits[hits.length - 1] as IpHit;
    const shared = factsFromPairs(line, 0, text.length);
    if (first === last) fillFacts(shared, looseFacts(line, 0, text.length, first));
    else {
      fillFacts(shared, looseFacts(line, 0, first.start, first));
      fillFacts(shared, looseFacts(line, last.end, text.length, last));
    }
    return hits.map((hit) => ({
      ip: hit.ip,
      facts: newFacts({ ...shared, interface: hintFor(line, hit) ?? shared.interface }),
    }));
  }
  const cuts = betweens.map((between, i) => (hits[i] as IpHit).end + splitPoint(between));
  const first = hits[0] as IpHit;
  const prefix = factsFromPairs(line, 0, first.start);
  fillFacts(prefix, looseFacts(line, 0, first.start, first));
  const shared = newFacts({ hostname: prefix.hostname, environment: prefix.environment });
  return hits.map((hit, i) => {
    const start = i === 0 ? 0 : (cuts[i - 1] as number);
    const end = i === hits.length - 1 ? text.length : (cuts[i] as number);
    const facts = factsFromPairs(line, start, end);
    facts.interface = hintFor(line, hit) ?? facts.interface;
    fillFacts(facts, looseFacts(line, start, end, hit));
    fillFacts(facts, shared);
    return { ip: hit.ip, facts };
  });
}

/** The hits that fall in none of the spans (both in text order, so one pass). */
function outside(hits: readonly IpHit[], spans: readonly Span[]): IpHit[] {
  if (spans.length === 0) return [...hits];
  const kept: IpHit[] = [];
  let s = 0;
  for (const hit of hits) {
    while (s < spans.length && (spans[s] as Span)[1] <= hit.start) s++;
    const span = spans[s];
    if (!span || hit.start < span[0]) kept.push(hit);
  }
  return kept;
}

function isOnlySeparators(between: string): boolean {
  return /^[\s,;|/&]*$/.test(between.replace(/\b(?:and|or)\b/gi, ' '));
}

const SEPARATORS = [';', ' | ', '|', ' \u2014 ', ' \u2013 ', ',', ' - ', ' and ', ' & '];

/** Where text between two IPs stops being about the first: at the strongest separator, else at its end. */
function splitPoint(between: string): number {
  for (const separator of SEPARATORS) {
    const at = between.indexOf(separator);
    if (at >= 0) return at;
  }
  return between.length;
}

function findKeyValues(text: string): KeyValue[] {
  if (!/[:=]/.test(text)) return [];
  const pairs: KeyValue[] = [];
  KEY_PATTERN.lastIndex = 0;
  for (let match = KEY_PATTERN.exec(text); match !== null; match = KEY_PATTERN.exec(text)) {
    const previous = pairs[pairs.length - 1];
    if (previous) previous.valueEnd = match.index;
    const column = classifyKey(match[1] as string);
    const valueStart = match.index + match[0].length;
    pairs.push({ column, keyStart: match.index, valueStart, valueEnd: text.length });
  }
  for (const pair of pairs) {
    if (pair.column.kind !== 'other') continue;
    const stop = FOREIGN_VALUE_END.exec(text.slice(pair.valueStart, pair.valueEnd));
    if (stop) pair.valueEnd = pair.valueStart + stop.index;
  }
  return pairs;
}

const keyColumns = new Map<string, Column>();

function classifyKey(key: string): Column {
  const normalized = key.toLowerCase();
  let column = keyColumns.get(normalized);
  if (!column) {
    column = classifyHeader(normalized);
    keyColumns.set(normalized, column);
  }
  return column;
}

/** The interface an IP's key names: "Private IP: 10.1.2.3", "IPMI: 10.1.2.4". */
function hintFor(line: Line, hit: IpHit): Column['hint'] | undefined {
  const pair = pairAt(line.pairs, hit.start);
  return pair && pair.column.kind === 'ip' && pair.valueStart <= hit.start
    ? (pair.column.hint ?? undefined)
    : undefined;
}

/** The last pair whose key starts at or before `position` (pairs are in text order). */
function pairAt(pairs: readonly KeyValue[], position: number): KeyValue | undefined {
  let low = 0;
  let high = pairs.length - 1;
  let found: KeyValue | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const pair = pairs[mid] as KeyValue;
    if (pair.keyStart <= position) {
      found = pair;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

function factsFromPairs(line: Line, start: number, end: number): Facts {
  const facts = newFacts();
  let low = 0;
  let high = line.pairs.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((line.pairs[mid] as KeyValue).keyStart < start) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < line.pairs.length; i++) {
    const pair = line.pairs[i] as KeyValue;
    if (pair.keyStart >= end) break;
    if (pair.column.kind === 'ip' || pair.column.kind === 'other') continue;
    const valueEnd = Math.min(pair.valueEnd, end, pair.valueStart + MAX_VALUE);
    readNamedValue(line.text.slice(pair.valueStart, valueEnd), pair.column, facts);
  }
  return facts;
}

/** A value longer than this is not a hostname, a date or an environment; the rest is not read. */
const MAX_VALUE = 500;
/** How far from an IP its words may be: a sentence, not the whole of a giant line. */
const WINDOW = 300;
const TOKEN = /[A-Za-z0-9_][A-Za-z0-9._-]*/g;

/**
 * What the words of `[start, end)` say, choosing the candidate nearest the IP when there are several.
 * Only the words within WINDOW of the IP (or of `start`, without an IP) are read.
 */
function looseFacts(line: Line, from: number, to: number, hit: IpHit | null): Facts {
  const start = hit ? Math.max(from, hit.start - WINDOW) : from;
  const end = hit ? Math.min(to, hit.end + WINDOW) : Math.min(to, from + 4 * WINDOW);
  const slice = line.words.slice(start, end);
  const facts = newFacts();
  const best = { interface: Infinity, environment: Infinity, hostname: Infinity };
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(slice); match !== null; match = TOKEN.exec(slice)) {
    const token = trimToken(match[0]);
    if (token.length < 2 || !/[A-Za-z]/.test(token)) continue;
    const at = start + match.index;
    const distance =
      hit === null ? at : at + match[0].length <= hit.start ? hit.start - at - match[0].length : at - hit.end;
    const kind = interfaceFromToken(token);
    if (kind && distance < best.interface) {
      best.interface = distance;
      facts.interface = kind;
      continue;
    }
    const environment = environmentFromToken(token);
    if (environment) {
      if (distance < best.environment) {
        best.environment = distance;
        facts.environment = environment;
      }
      continue;
    }
    if (distance < best.hostname && isLooseHostname(token)) {
      best.hostname = distance;
      facts.hostname = token;
    }
  }
  if (!/never|scan/i.test(slice)) return facts;
  const normalized = normalizeForMatch(slice);
  if (saysNeverScanned(normalized)) facts.neverScanned = true;
  const scanAt = normalized.indexOf('scan');
  if (scanAt >= 0 && /\d/.test(normalized)) {
    for (const date of findDates(normalized)) {
      if (date.start > scanAt && (facts.lastScan === undefined || date.iso > facts.lastScan))
        facts.lastScan = date.iso;
    }
  }
  return facts;
}
