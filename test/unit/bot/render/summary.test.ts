import { decodeButtonValue } from '../../../../src/bot/render/action-value.js';
import { renderSummary, type SummaryInput } from '../../../../src/bot/render/summary.js';
import { checkBlockLimits } from '../../../../src/bot/render/validate-blocks.js';
import type { Category } from '../../../../src/runbook/model.js';
import { buildFinding, buildReport, manyFindings, nthIp } from '../../runbook/report/finding-builder.js';
import { buttonsOf, textsOf } from './render-helpers.js';

const ISSUE = {
  repo: 'alchemy-conductors/alcatraz',
  number: 5120,
  title: 'GAP ALERT - unscanned machines',
  url: 'https://github.example/alchemy-conductors/alcatraz/issues/5120',
};

/** A typical morning's alert: 15 IPs, 11 causes found, 4 need a person. */
function uxReport() {
  const counts: [Category, number][] = [
    ['not_in_account', 1],
    ['pending_deletion', 1],
    ['powered_off', 2],
    ['scanner_down', 1],
    ['not_in_scan_zone', 1],
    ['unreachable', 1],
    ['vlan_mismatch', 5],
    ['check_failed', 3],
  ];
  let n = 0;
  const findings = counts.flatMap(([category, count]) =>
    Array.from({ length: count }, () => buildFinding({ category, ip: nthIp(n++) })),
  );
  return buildReport(findings, { issue: ISSUE, systemsDown: ['Tenable.sc'] });
}

const done = (overrides: Partial<SummaryInput> = {}) =>
  renderSummary({ report: uxReport(), issue: ISSUE, status: 'done', investigationId: 9, ...overrides });

describe('renderSummary while running', () => {
  it('says how far it got, updated in place, with no buttons', () => {
    const message = renderSummary({
      report: null,
      issue: ISSUE,
      status: 'running',
      progress: { done: 9, total: 15 },
    });
    expect(message.text).toBe(':mag: Investigating alcatraz#5120: 15 unscanned IPs — checked 9 of 15');
    expect(textsOf(message)[0]).toBe(
      ':mag: Investigating <https://github.example/alchemy-conductors/alcatraz/issues/5120|alcatraz#5120>: 15 unscanned IPs — checked 9 of 15',
    );
    expect(buttonsOf(message)).toEqual([]);
    expect(checkBlockLimits(message)).toEqual([]);
  });

  it('starts without progress', () => {
    const message = renderSummary({ report: null, issue: ISSUE, status: 'running' });
    expect(message.text).toBe(':mag: Investigating alcatraz#5120…');
  });

  it('never claims more checked than there are', () => {
    const message = renderSummary({
      report: null,
      issue: ISSUE,
      status: 'running',
      progress: { done: 99, total: 3 },
    });
    expect(message.text).toBe(':mag: Investigating alcatraz#5120: 3 unscanned IPs — checked 3 of 3');
  });
});

describe('renderSummary when done', () => {
  it('gives the headline with the counts', () => {
    expect(done().text).toBe(
      ':white_check_mark: alcatraz#5120: 15 unscanned IPs, 11 causes found, 4 need a person',
    );
  });

  it('has one line per category present, in thread order, with count and hint', () => {
    const lines = textsOf(done())
      .find((text) => text.includes('Not in our account'))
      ?.split('\n');
    expect(lines).toEqual([
      ':no_entry: *Not in our account*: 1  →  mark NOTALCHEMY in Inventory',
      ':wastebasket: *Pending deletion*: 1  →  request reclaim + mark PENDING-DELETION',
      ':zzz: *Powered off*: 2  →  power on, or decommission',
      ':x: *Unreachable*: 1  →  owner opens the firewall for ping; reboot only if it answers nothing',
      ':satellite_antenna: *Scanner not ready*: 1  →  reset nessusd on the scanner, else OS reload + SOS ticket (prod-dal09-infra-nessus-01)',
      ':world_map: *No scan zone*: 1  →  associate the VLAN with a scan zone + publish',
      ':twisted_rightwards_arrows: *VLANs do not pair*: 5  →  move the machine by ticket, or reprovision',
      ':warning: *Could not check*: 3  →  re-check; the finding says which check failed and why',
    ]);
  });

  it('names the systems that were down and links the issue comment and the report file', () => {
    const texts = textsOf(
      done({
        issueCommentUrl: 'https://github.example/c/1#issuecomment-7',
        reportFileNote: 'attached below',
      }),
    );
    expect(texts).toContain(
      ':warning: Could not reach Tenable.sc; the IPs that needed it are under Could not check.',
    );
    expect(texts).toContain(
      'Full report: attached below  ·  Issue comment: <https://github.example/c/1#issuecomment-7|on GitHub>',
    );
    expect(texts).toContain('GAP ALERT - unscanned machines  ·  checked 2026-11-26 09:02 UTC');
  });

  it('ends with Re-check all, which needs no confirm', () => {
    const [button] = buttonsOf(done());
    expect(button?.action_id).toBe('recheck:all');
    expect(button?.text.text).toBe('Re-check all');
    expect(button?.confirm).toBeUndefined();
    expect(decodeButtonValue(button?.value)).toEqual({ i: 9, r: ISSUE.repo, n: 5120 });
    expect(checkBlockLimits(done())).toEqual([]);
  });

  it('says so when nothing was unscanned', () => {
    const message = renderSummary({ report: buildReport([]), issue: ISSUE, status: 'done' });
    expect(message.text).toBe(':white_check_mark: alcatraz#5120: no unscanned IPs');
    expect(decodeButtonValue(buttonsOf(message)[0]?.value)).toEqual({ r: ISSUE.repo, n: 5120 });
  });

  it('stays within the limits for 1000 findings in every category', () => {
    const message = renderSummary({ report: buildReport(manyFindings(1000)), issue: ISSUE, status: 'done' });
    expect(checkBlockLimits(message)).toEqual([]);
    expect(
      textsOf(message)
        .find((text) => text.includes('*Reachable, not scanned yet*'))
        ?.split('\n'),
    ).toHaveLength(15);
  });
});

describe('renderSummary when failed', () => {
  it('gives the escaped reason and a Re-check all button', () => {
    const message = renderSummary({
      report: null,
      issue: ISSUE,
      status: 'failed',
      investigationId: 3,
      error: 'GitHub said <!channel> & left',
    });
    expect(message.text).toBe(
      ':x: Could not finish investigating alcatraz#5120: GitHub said &lt;!channel&gt; &amp; left',
    );
    expect(buttonsOf(message).map((button) => button.action_id)).toEqual(['recheck:all']);
  });
});
