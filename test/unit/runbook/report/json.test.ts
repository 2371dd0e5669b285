import { countByCategory, toContractJson } from '../../../../src/runbook/report/json.js';
import { buildFinding, buildReport } from './finding-builder.js';

describe('toContractJson', () => {
  it('is exactly docs/contract.md section 4, keys in the contract order', () => {
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
        '"counts":{"powered_off":1},"scanners":[]}',
    );
  });

  it('ends with the scanners section, each scanner as both views see it', () => {
    const scanner = {
      name: 'stage-dal09-infra-nessus-01',
      nessus: 'no answer',
      nessusReason: 'ECONNRESET',
      tenable: 'error' as const,
      tenableStatus: 'Connection Error',
      verdict: 'down' as const,
      targets: 3,
    };
    const json = toContractJson(buildReport([buildFinding()], { scanners: [scanner] }));
    expect(JSON.stringify(json.scanners)).toBe(
      '[{"name":"stage-dal09-infra-nessus-01","nessus":"no answer","tenable":"error",' +
        '"tenableStatus":"Connection Error","verdict":"down","targets":3}]',
    );
  });

  it('leaves out every field the contract does not name', () => {
    const report = buildReport(
      [
        buildFinding({
          device: { account: 'ALC', kind: 'hardware', id: 7, hostname: 'h', cancellationTicketId: null },
        }),
      ],
      {
        issue: { repo: 'o/r', number: 1, title: 't', url: 'https://ghe.example/o/r/issues/1' },
        systemsDown: ['tenable'],
      },
    );
    const json = toContractJson(report);
    expect(Object.keys(json)).toEqual(['issue', 'findings', 'counts', 'scanners']);
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
