/**
 * What the bot remembers, end to end: a store seeded with several weeks of investigations
 * (test/helpers/seed-history.ts), then the demo's alert for alcatraz#5120. The thread (Slack
 * emulator), the issue comment (GitHub emulator) and the JSON show each target's earlier
 * investigation, the recurring mark and how often each scanner went down. On SQLite, and on
 * PostgreSQL when TEST_DATABASE_URL is set.
 *
 * Expected, read off the seed's table by hand (d = days before the seed's now):
 * - 10.10.5.31, powered off now: earlier within 90 days in I5 (#5120, -9 d; powered on by bob -8 d,
 *   mallory's refused try not counted; resolved -7 d: back 7 days later), I3 and I2 (2 more before;
 *   I1 at -100 d is outside the window). Recurring: I2, I3, I5 and this one = 4, first seen -60 d.
 * - 10.10.7.8, no scan zone now: latest earlier I4 (-14 d, nothing done, resolved -10 d: 10 days
 *   later), I3 and I2 before; recurring 4, first seen -60 d.
 * - 10.10.10.30, unreachable now: earlier I4 (-14 d; power_on on an unreachable machine is a reboot,
 *   by bob; resolved -12 d: 12 days later); two investigations only, not recurring.
 * - 10.10.1.11 and the others: no history.
 * - stage-dal09-infra-nessus-01: down -20 d for 6 h, -5 d for 24 h, since -1 h: 3 times, 31 hours
 *   (1 day 7 hours), down now. prod-dal09-infra-nessus-01: its fall (-40 d) is outside 30 days.
 */
import { loadScenario } from '../../../sandbox/index.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import { toContractJson } from '../../../src/runbook/report/json.js';
import { type SeededHistory, seedHistory } from '../../helpers/seed-history.js';
import { botReplies, CHANNEL, postedComments } from '../bot/world-helpers.js';
import { type TestDatabase, testDatabases } from '../replicas/databases.js';

const demo = loadScenario('examples/scenarios/demo.yaml');
const REPO = 'alchemy-conductors/alcatraz';
const ISSUE_URL = `https://github.ibm.com/${REPO}/issues/5120`;

/** Text as a person reads it: escapes and zero-width spaces taken out. */
const readable = (text: string) =>
  text.replace(/\u200b/g, '').replace(/\\([\\`*_{}[\]()#+\-.!|<>~@])/g, '$1');

describe.each(testDatabases())('history of the targets on %s', (_name, setup) => {
  let db: TestDatabase;
  let world: World;
  let seed: SeededHistory;
  let alertTs: string;

  beforeAll(async () => {
    db = await setup();
    world = await startWorld(demo, db.url ? { databaseUrl: db.url } : {});
    seed = await seedHistory(world.store);
    alertTs = (await world.driver.postAlert({ channel: CHANNEL, text: `GAP ALERT ${ISSUE_URL}` })).ts;
    await world.idle();
  });
  afterAll(async () => {
    await world.close();
    await db.cleanup();
  });

  const expected = () => ({
    poweredOff: `Earlier: alcatraz#5120 (${seed.day(9)}) · Powered off · Powered on by @bob · unscanned again 7 days later · 2 more before`,
    poweredOffRecurring: `Recurring: 4 investigations in 90 days (first ${seed.day(60)}, last ${seed.day(0)}) · Powered off`,
    noScanZone: `Earlier: alcatraz#5104 (${seed.day(14)}) · No scan zone · unscanned again 10 days later · 2 more before`,
    noScanZoneRecurring: `Recurring: 4 investigations in 90 days (first ${seed.day(60)}, last ${seed.day(0)}) · No scan zone`,
    unreachable: `Earlier: alcatraz#5104 (${seed.day(14)}) · Unreachable · Reboot sent by @bob · unscanned again 12 days later`,
    recurringList: 'Recurring (3 or more investigations in 90 days): 10.10.5.31 (4), 10.10.7.8 (4)',
    stage: 'down 3 times in 30 days (1 day 7 hours, down now)',
  });

  it('shows each finding its history in the Slack thread, and the scanner falls in the summary', () => {
    const messages = botReplies(world, alertTs);
    const sectionOf = (ip: string) => {
      for (const m of messages) {
        for (const block of (m.blocks ?? []) as { type: string; text?: { text: string } }[]) {
          const text = block.text?.text ?? '';
          if (block.type === 'section' && text.startsWith(`*${ip}*`)) return readable(text);
        }
      }
      throw new Error(`no section for ${ip}`);
    };
    const e = expected();
    expect(sectionOf('10.10.5.31')).toContain(`:repeat: *${e.poweredOffRecurring}*`);
    expect(sectionOf('10.10.5.31')).toContain(`_${e.poweredOff}_`);
    expect(sectionOf('10.10.7.8')).toContain(`:repeat: *${e.noScanZoneRecurring}*`);
    expect(sectionOf('10.10.7.8')).toContain(`_${e.noScanZone}_`);
    expect(sectionOf('10.10.10.30')).toContain(`_${e.unreachable}_`);
    expect(sectionOf('10.10.10.30')).not.toContain('Recurring');
    expect(sectionOf('10.10.1.11')).not.toMatch(/Earlier|Recurring/);

    const summary = JSON.stringify(messages[0]?.blocks ?? []);
    expect(readable(summary)).toContain(`:repeat: ${e.recurringList}`);
    expect(readable(summary)).toMatch(
      /stage-dal09-infra-nessus-01 [^"]*; down 3 times in 30 days \(1 day 7 hours, down now\)/,
    );
    expect(summary).not.toMatch(/prod-dal09-infra-nessus-01[^·"]*down \d/);
  });

  it('writes the same on the issue comment, with the mark in the table', () => {
    const body = readable(
      postedComments(world)
        .filter((c) => c.number === 5120)
        .map((c) => c.body)
        .join('\n'),
    );
    const e = expected();
    expect(body).toContain(`:repeat: ${e.recurringList}`);
    expect(body).toContain(`:repeat: **${e.poweredOffRecurring}**`);
    expect(body).toContain(`_${e.poweredOff}_`);
    expect(body).toContain(`:repeat: **${e.noScanZoneRecurring}**`);
    expect(body).toContain(`_${e.noScanZone}_`);
    expect(body).toContain(`_${e.unreachable}_`);
    expect(body).toContain(e.stage);
    expect(body).toMatch(/\| 10\.10\.5\.31 \|[^\n]*\| Powered off :repeat: \|/);
    expect(body).toMatch(/\| 10\.10\.10\.30 \|[^\n]*\| Unreachable \|/);
  });

  it('puts the history, the recurring mark and the scanner falls in the JSON', async () => {
    const record = await world.store.findActiveInvestigation(REPO, 5120);
    if (!record?.report) throw new Error('no report stored');
    const json = toContractJson(record.report);
    const finding = (ip: string) => json.findings.find((f) => f.ip === ip);
    expect(finding('10.10.5.31')?.history).toEqual({
      count: 3,
      earlier: [
        {
          issue: { repo: REPO, number: 5120 },
          startedAt: seed.daysAgo(9).toISOString(),
          category: 'powered_off',
          resolvedAt: seed.daysAgo(7).toISOString(),
          actions: [{ action: 'power_on', by: 'bob', at: seed.daysAgo(8).toISOString() }],
        },
        {
          issue: { repo: REPO, number: 5103 },
          startedAt: seed.daysAgo(30).toISOString(),
          category: 'powered_off',
          resolvedAt: seed.daysAgo(28).toISOString(),
          actions: [{ action: 'power_on', by: 'alice', at: seed.daysAgo(29).toISOString() }],
        },
        {
          issue: { repo: REPO, number: 5102 },
          startedAt: seed.daysAgo(60).toISOString(),
          category: 'powered_off',
          resolvedAt: seed.daysAgo(58).toISOString(),
          actions: [{ action: 'power_on', by: 'bob', at: seed.daysAgo(59).toISOString() }],
        },
      ],
    });
    expect(finding('10.10.5.31')?.recurring).toEqual({
      investigations: 4,
      firstSeen: seed.daysAgo(60).toISOString(),
      lastSeen: expect.any(String),
      causes: ['powered_off'],
    });
    expect(Date.parse(finding('10.10.5.31')?.recurring?.lastSeen ?? '')).toBeGreaterThanOrEqual(
      seed.now.getTime(),
    );
    expect(finding('10.10.7.8')?.recurring).toMatchObject({
      investigations: 4,
      causes: ['not_in_scan_zone'],
    });
    expect(finding('10.10.10.30')?.recurring).toBeNull();
    expect(finding('10.10.10.30')?.history?.count).toBe(1);
    expect(finding('10.10.1.11')).toMatchObject({ history: { count: 0, earlier: [] }, recurring: null });
    expect(json.scanners.map((s) => [s.name, s.downLast30Days])).toEqual([
      ['prod-dal09-infra-nessus-01', { times: 0, minutes: 0, downNow: false }],
      ['stage-dal09-infra-nessus-01', { times: 3, minutes: 31 * 60, downNow: true }],
    ]);
  });
});
