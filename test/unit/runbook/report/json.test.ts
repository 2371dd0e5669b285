import { countByCategory, toContractJson } from '../../../../src/runbook/report/json.js';
import { buildFinding, buildReport } from './finding-builder.js';

describe('toContractJson', () => {
  it('is exactly CONTRACT.md section 4, keys in the contract order', () => {
    const report = buildReport([
      buildFinding({
        ip: '10.1.2.3',
        hostname: null,
        environment: null,
        category: 'powered_off',
        summary: 'Powered off, no decommission ticket.',
        evidence: ['Bare metal 1234 is off.'],
        fixes: ['Power it on.'],
        actions: ['power_on'],
      }),
    ]);
    expect(JSON.stringify(toContractJson(report))).toBe(
      '{"issue":{"repo":"alchemy-conductors/alcatraz","number":4711,"title":"GAP ALERT - unscanned machines"},' +
        '"findings":[{"ip":"10.1.2.3","hostname":null,"interface":"private","environment":null,' +
        '"category":"powered_off","summary":"Powered off, no decommission ticket.",' +
        '"evidence":["Bare metal 1234 is off."],"fixes":["Power it on."],"actions":["power_on"]}],' +
        '"counts":{"powered_off":1}}',
    );
  });

  it('leaves out every field the contract does not name', () => {
    const report = buildReport(
      [buildFinding({ device: { kind: 'hardware', id: 7, hostname: 'h', cancellationTicketId: null } })],
      {
        issue: { repo: 'o/r', number: 1, title: 't', url: 'https://ghe.example/o/r/issues/1' },
        systemsDown: ['tenable'],
      },
    );
    const json = toContractJson(report);
    expect(Object.keys(json)).toEqual(['issue', 'findings', 'counts']);
    expect(Object.keys(json.issue)).toEqual(['repo', 'number', 'title']);
    expect(Object.keys(json.findings[0] ?? {})).toEqual([
      'ip',
      'hostname',
      'interface',
      'environment',
      'category',
      'summary',
      'evidence',
      'fixes',
      'actions',
    ]);
  });

  it('counts from the findings, in CATEGORIES order, only the categories present', () => {
    const findings = [
      buildFinding({ category: 'reachable' }),
      buildFinding({ category: 'not_in_account' }),
      buildFinding({ category: 'reachable' }),
      buildFinding({ category: 'check_failed' }),
    ];
    const json = toContractJson(buildReport(findings, { counts: { stale_scan: 9 } }));
    expect(JSON.stringify(json.counts)).toBe('{"check_failed":1,"not_in_account":1,"reachable":2}');
    expect(json.findings.map((finding) => finding.category)).toEqual([
      'reachable',
      'not_in_account',
      'reachable',
      'check_failed',
    ]);
  });

  it('copies the arrays, so changing the output leaves the report alone', () => {
    const report = buildReport([buildFinding()]);
    toContractJson(report).findings[0]?.evidence.push('extra');
    expect(report.findings[0]?.evidence).toHaveLength(2);
  });
});

describe('countByCategory', () => {
  it('is empty for no findings', () => {
    expect(countByCategory([])).toEqual({});
  });
});
