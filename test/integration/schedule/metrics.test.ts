/**
 * GET /metrics: Prometheus text from the bot's own registry, with what an investigation and a click
 * leave behind (investigations, findings by category, upstream calls and latency, actions, the queue),
 * and the gauges that watch the bot itself (readiness, the store, the scanners).
 */
import { loadScenario } from '../../../sandbox/index.js';
import { checkScannerHealth } from '../../../src/app/schedule/scanner-health-job.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import { aliceClicks, CHANNEL, messageWithButton } from '../bot/world-helpers.js';

const ISSUE_URL = 'https://github.ibm.com/alchemy-conductors/alcatraz/issues/5120';

describe('GET /metrics', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld(loadScenario('examples/scenarios/demo.yaml'));
  });
  afterEach(async () => {
    await world.close();
  });

  const scrape = async () => {
    const response = await fetch(`${world.botUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };
  const value = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  it('counts investigations, findings, upstream calls, actions and the queue', async () => {
    const empty = await scrape();
    expect(value(empty, 'nessus_gap_investigations_active{status="open"}')).toBe(0);
    for (const outcome of ['started', 'posted', 'failed', 'resolved']) {
      expect(value(empty, `nessus_gap_investigations_total{outcome="${outcome}"}`)).toBe(0);
    }

    await world.driver.postAlert({ channel: CHANNEL, text: `GAP ALERT ${ISSUE_URL}` });
    await world.idle();
    const { message, actionId } = messageWithButton(world, 'mark_notalchemy:');
    await aliceClicks(world, { message, actionId });
    await world.driver.clickButton({
      userId: 'U0MALLORY',
      channel: CHANNEL,
      messageTs: message.ts,
      actionId,
    });
    await world.idle();

    const text = await scrape();
    expect(value(text, 'nessus_gap_investigations_total{outcome="started"}')).toBe(1);
    expect(value(text, 'nessus_gap_investigations_total{outcome="posted"}')).toBe(1);
    expect(value(text, 'nessus_gap_investigations_active{status="open"}')).toBe(1);
    expect(value(text, 'nessus_gap_investigations_active{status="running"}')).toBe(0);
    expect(value(text, 'nessus_gap_findings_total{category="not_in_account"}')).toBe(1);
    expect(value(text, 'nessus_gap_findings_total{category="scanner_down"}')).toBe(1);
    expect(value(text, 'nessus_gap_actions_total{action="mark_notalchemy",outcome="done"}')).toBe(1);
    expect(value(text, 'nessus_gap_actions_total{action="mark_notalchemy",outcome="refused"}')).toBe(1);
    const calls = world.bot.integrations.counter.outcomes();
    for (const system of ['github', 'softlayer', 'tenable', 'nessus', 'inventory']) {
      expect(value(text, `nessus_gap_upstream_calls_total{system="${system}",outcome="ok"}`)).toBe(
        calls[system]?.ok,
      );
      expect(
        value(text, `nessus_gap_upstream_call_duration_seconds_count{system="${system}",outcome="ok"}`),
      ).toBe(calls[system]?.ok);
    }
    expect(
      value(text, 'nessus_gap_upstream_call_duration_seconds_sum{system="github",outcome="ok"}'),
    ).toBeGreaterThan(0);
    expect(value(text, 'nessus_gap_event_queue_depth{queue="slack_requests"}')).toBe(0);
    expect(value(text, 'nessus_gap_event_queue_depth{queue="investigations"}')).toBe(0);
  });

  it('says the replica is ready, its store up, and each scanner as the last health check found it', async () => {
    const before = await scrape();
    expect(value(before, 'nessus_gap_ready')).toBe(1);
    expect(value(before, 'nessus_gap_store_up')).toBe(1);
    expect(before).not.toMatch(/^nessus_gap_scanner_healthy\{/m);

    await checkScannerHealth(world.bot.context, new Date());
    const after = await scrape();
    expect(value(after, 'nessus_gap_scanner_healthy{scanner="prod-dal09-infra-nessus-01"}')).toBe(1);
    expect(value(after, 'nessus_gap_scanner_healthy{scanner="stage-dal09-infra-nessus-01"}')).toBe(0);
  });

  it('keeps each bot its own registry', async () => {
    await world.driver.postAlert({ channel: CHANNEL, text: `GAP ALERT ${ISSUE_URL}` });
    await world.idle();
    const other = await startWorld(loadScenario('examples/scenarios/demo.yaml'));
    try {
      const body = await (await fetch(`${other.botUrl}/metrics`)).text();
      expect(value(body, 'nessus_gap_investigations_total{outcome="started"}')).toBe(0);
      expect(value(await scrape(), 'nessus_gap_investigations_total{outcome="started"}')).toBe(1);
    } finally {
      await other.close();
    }
  });
});
