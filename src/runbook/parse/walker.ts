/**
 * Walks the prose of a report (headings, bullets, `key: value` lines, sentences) and turns it into
 * observations. Details may sit on other lines than their IP, so the walker keeps three kinds of
 * context:
 * - a heading without an IP ("### prod-dal10-carrier6-worker-07", "## PROD-US-SOUTH") describes the
 *   items under it;
 * - a bullet without an IP describes its sub-bullets; lines nested under a bullet with an IP describe
 *   that IP ("- 10.1.2.3" then "  - Scan attempted: never");
 * - consecutive `key: value` lines form one record; a key already given starts the next record, so
 *   both "IP, Host, IP, Host" and "Host, IP, Host, IP" orders work.
 * Context only fills what an item does not say itself, and is applied when the walk ends.
 */
import {
  type FactName,
  type Facts,
  factNames,
  fillFacts,
  hasFacts,
  newFacts,
  type Observation,
} from './facts.js';
import { analyzeLine, type LineAnalysis } from './line-facts.js';
import { cleanInline } from './text.js';

interface Group {
  /** Records the latest IP line created; later detail lines fill them. Empty: a record with a bad IP. */
  current: Observation[] | null;
  currentFields: Set<FactName>;
  /** Details seen before their IP line. */
  pending: Facts;
}

interface Scope {
  indent: number;
  context: Facts;
  group: Group;
  /** A bullet with IPs: everything nested under it is about those IPs. */
  ownsRecords: boolean;
}

interface Entry {
  observation: Observation;
  context: Facts;
}

const BULLET = /^(\s*)(?:[-*+\u2022]|\d{1,9}[.)])(?:\s+|$)/;

function newGroup(current: Observation[] | null = null): Group {
  return { current, currentFields: new Set(), pending: newFacts() };
}

export class ReportWalker {
  private readonly entries: Entry[] = [];
  private headings: Array<{ level: number; facts: Facts }> = [];
  private readonly root: Scope = { indent: -1, context: {}, group: newGroup(), ownsRecords: false };
  private scopes: Scope[] = [this.root];

  heading(level: number, text: string): void {
    this.endBlock();
    this.headings = this.headings.filter((h) => h.level < level);
    const analysis = analyzeLine(cleanInline(text));
    if (analysis.items.length > 0) {
      this.process(this.root, analysis);
      return;
    }
    const all = analysis.allFacts;
    // Only an explicit "Scan attempted: never" in a heading speaks for the items under it; a summary
    // heading like "3 machines never scanned" does not.
    const facts = newFacts({
      hostname: all.hostname,
      environment: all.environment,
      interface: all.interface,
      neverScanned: analysis.keyFacts.neverScanned,
    });
    this.headings.push({ level, facts });
  }

  line(raw: string): void {
    if (raw.trim() === '') {
      this.blank();
      return;
    }
    const expanded = raw.replace(/\t/g, '    ');
    const bullet = BULLET.exec(expanded);
    const indent = bullet ? (bullet[1] as string).length : expanded.length - expanded.trimStart().length;
    let content = bullet ? expanded.slice(bullet[0].length) : expanded;
    content = content.replace(/^\[[ xX]\]\s+/, '');
    const analysis = analyzeLine(cleanInline(content));
    if (bullet) {
      while (this.scopes.length > 1 && this.top().indent >= indent) this.scopes.pop();
      const parent = this.top();
      const created = this.process(parent, analysis);
      const context = newFacts(parent.context);
      if (!created) fillFacts(context, analysis.allFacts);
      this.scopes.push({ indent, context, group: newGroup(created), ownsRecords: created !== null });
      return;
    }
    const top = this.top();
    if (top !== this.root && indent > top.indent) {
      this.process(top, analysis);
      return;
    }
    this.scopes = [this.root];
    this.process(this.root, analysis);
  }

  /** A table, code block or HTML block interrupts lists and `key: value` records. */
  endBlock(): void {
    this.scopes = [this.root];
    this.root.group = newGroup();
  }

  /** Observations from a table: they get the context of the headings above it. */
  addObservations(observations: readonly Observation[]): void {
    const context = this.headingContext();
    for (const observation of observations) this.entries.push({ observation, context });
  }

  result(): Observation[] {
    return this.entries.map(({ observation, context }) => {
      fillFacts(observation.facts, context);
      return observation;
    });
  }

  private blank(): void {
    this.root.group = newGroup();
    for (const scope of this.scopes) if (!scope.ownsRecords) scope.group = newGroup();
  }

  private top(): Scope {
    return this.scopes[this.scopes.length - 1] as Scope;
  }

  private headingContext(): Facts {
    const context = newFacts();
    for (let i = this.headings.length - 1; i >= 0; i--)
      fillFacts(context, (this.headings[i] as { facts: Facts }).facts);
    return context;
  }

  /** Applies one analysed line to a scope; returns the records it created, if it named IPs. */
  private process(scope: Scope, analysis: LineAnalysis): Observation[] | null {
    const group = scope.group;
    if (analysis.items.length > 0) {
      const context = newFacts(scope.context);
      fillFacts(context, this.headingContext());
      const created: Observation[] = [];
      for (const item of analysis.items) {
        const observation: Observation = { ip: item.ip, facts: newFacts(item.facts) };
        fillFacts(observation.facts, group.pending);
        created.push(observation);
        this.entries.push({ observation, context });
      }
      group.current = created;
      group.currentFields = new Set(factNames(created[0]?.facts ?? {}));
      group.pending = newFacts();
      return created;
    }
    if (analysis.ipKeyWithoutIp) {
      // "IP: 999.1.1.1": the details that follow belong to that (discarded) record, not to a neighbour.
      group.current = [];
      group.currentFields = new Set(factNames(analysis.keyFacts));
      group.pending = newFacts();
      return null;
    }
    const facts = scope.ownsRecords ? analysis.allFacts : analysis.keyFacts;
    if (!hasFacts(facts)) return null;
    if (group.current === null) {
      fillFacts(group.pending, facts);
      return null;
    }
    const names = factNames(facts);
    if (!scope.ownsRecords && names.some((name) => group.currentFields.has(name))) {
      group.current = null;
      group.currentFields = new Set();
      group.pending = newFacts(facts);
      return null;
    }
    for (const observation of group.current) fillFacts(observation.facts, facts);
    for (const name of names) group.currentFields.add(name);
    return null;
  }
}
