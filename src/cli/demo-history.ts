/**
 * The demo's past: one earlier investigation of another gap issue that found one of the demo's
 * targets powered off, and bob powering it on from Slack, so the demo's thread shows a history line.
 * Written through the store's own interface, as the bot would have left it.
 */
import type { Finding } from '../runbook/finding.js';
import { daysBefore } from '../runbook/history/window.js';
import type { Store } from '../store/store.js';

export const DEMO_PAST = Object.freeze({
  issueNumber: 5096,
  ip: '10.10.5.31',
  hostname: 'prod-dal10-carrier4-worker-06',
  /** Days before now: investigated, powered on by bob, gone from its issue. */
  investigatedDaysAgo: 12,
  poweredOnDaysAgo: 11,
  resolvedDaysAgo: 10,
});

export async function seedDemoHistory(store: Store, repo: string, now: Date = new Date()): Promise<void> {
  const ago = (days: number) => daysBefore(now, days);
  const past = DEMO_PAST;
  const began = ago(past.investigatedDaysAgo);
  const { record } = await store.claimInvestigation({
    repo,
    issueNumber: past.issueNumber,
    title: 'GAP ALERT - unscanned machines require investigation',
    channel: null,
    threadTs: null,
    owner: 'demo',
    leaseMs: 0,
    now: began,
  });
  const finding: Finding = {
    ip: past.ip,
    hostname: past.hostname,
    interface: 'private',
    environment: 'PROD-US-SOUTH',
    category: 'powered_off',
    summary: 'The virtual server is powered off.',
    evidence: [],
    fixes: [],
    actions: ['power_on'],
    links: [],
    scanner: null,
    device: null,
    failedChecks: [],
  };
  await store.saveFindings(record.id, [finding], began);
  const key = `demo:${record.id}:power_on:${past.ip}`;
  const poweredOn = ago(past.poweredOnDaysAgo);
  await store.beginAction({
    key,
    investigationId: record.id,
    repo,
    issueNumber: past.issueNumber,
    action: 'power_on',
    ip: past.ip,
    userId: 'U0BOB',
    userName: 'bob',
    createdAt: poweredOn,
  });
  await store.finishAction(key, 'done', 'powered on', poweredOn);
  await store.markFindingsResolved(record.id, [past.ip], ago(past.resolvedDaysAgo));
  await store.updateInvestigation(record.id, {
    status: 'resolved',
    finishedAt: ago(past.resolvedDaysAgo),
    owner: null,
    leaseUntil: null,
  });
}
