/**
 * The Home tab stays within Slack's view limits however much the store holds: every list is cut
 * with "and N more", and the view passes the Slack emulator's Block Kit checks (the same ones
 * views.publish applies).
 */
import { viewProblems } from '../../../sandbox/slack/block-limits.js';
import type { HomeView } from '../../../src/app/home/home-view.js';
import { HOME_INVESTIGATIONS, HOME_LIST_LINES, renderHomeView } from '../../../src/bot/render/home-view.js';
import type { InvestigationRecord } from '../../../src/store/store.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const long = (n: number) => 'x'.repeat(n);

function record(id: number): InvestigationRecord {
  return {
    id,
    repo: 'alchemy-conductors/alcatraz',
    issueNumber: 5000 + id,
    title: `GAP ALERT <!channel> ${long(400)}`,
    channel: 'C0ALERTS',
    threadTs: `1764590000.${String(id).padStart(6, '0')}`,
    summaryTs: null,
    status: 'open',
    progressDone: 1,
    progressTotal: 1,
    owner: null,
    leaseUntil: null,
    startedAt: NOW,
    finishedAt: null,
    report: null,
    marker: null,
  };
}

function hugeView(): HomeView {
  return {
    now: NOW,
    investigations: Array.from({ length: 150 }, (_, i) => ({
      record: record(i + 1),
      unresolved: 900,
      byCause: [
        { category: 'powered_off', count: 300 },
        { category: 'not_in_scan_zone', count: 600 },
      ],
    })),
    scanners: Array.from({ length: 60 }, (_, i) => ({
      name: `scanner-${i}-${long(80)}`,
      healthy: i % 2 === 0,
      status: `not answering: ${long(300)}`,
      since: NOW,
      downs: i,
    })),
    recurring: Array.from({ length: 400 }, (_, i) => ({
      ip: `10.0.${Math.floor(i / 250)}.${i % 250}`,
      investigations: 3,
      firstSeen: NOW,
      lastSeen: NOW,
      causes: ['powered_off', 'unreachable'],
    })),
    actions: Array.from({ length: 10 }, (_, i) => ({
      key: `k${i}`,
      investigationId: 1,
      repo: 'alchemy-conductors/alcatraz',
      issueNumber: 5001,
      action: 'power_on',
      ip: '10.0.0.1',
      userId: 'U0ALICE',
      userName: `<@U0EVERYONE> ${long(500)}`,
      status: 'done',
      result: long(2000),
      createdAt: NOW,
      finishedAt: NOW,
    })),
    buttons: [
      { name: 'power_on', label: 'Power on', allowed: false },
      { name: 'recheck', label: 'Re-check', allowed: true },
    ],
    authorised: false,
    whoMayAct: '<@U0ALICE>',
  };
}

describe('the Home tab renderer', () => {
  const links = new Map(
    Array.from({ length: 150 }, (_, i) => [i + 1, ` (<https://slack.example/t/${i}|thread>)`]),
  );
  const view = renderHomeView(hugeView(), links);
  const json = JSON.stringify(view);

  it('stays within the limits Slack checks on views.publish', () => {
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(viewProblems(view)).toEqual([]);
  });

  it('cuts every long list with "and N more"', () => {
    expect(json).toContain(`and ${150 - HOME_INVESTIGATIONS} more`);
    expect(json).toContain(`and ${400 - HOME_LIST_LINES} more`);
    // The scanners' long lines reach a section's length before HOME_LIST_LINES lines.
    const scanners = view.blocks[view.blocks.findIndex((b) => JSON.stringify(b).includes('"Scanners"')) + 1];
    const shown = (JSON.stringify(scanners).match(/scanner-\d+-/g) ?? []).length;
    expect(shown).toBeLessThan(HOME_LIST_LINES);
    expect(JSON.stringify(scanners)).toContain(`and ${60 - shown} more`);
  });

  it('escapes what people and other systems wrote', () => {
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<@U0EVERYONE>');
    expect(json).toContain('&lt;!channel&gt;');
  });
});
