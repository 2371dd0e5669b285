/**
 * The PrometheusRule and the Grafana dashboard ask only for metrics the bot exports: the names are
 * read from a running bot's /metrics, the expressions parsed with Prometheus' own PromQL grammar.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadScenario } from '../../../sandbox/index.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import { exportedMetricNames, parsePromql } from './promql.js';

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface Panel {
  title: string;
  targets?: { expr: string }[];
}

const rules = (
  parse(readFileSync('deploy/kubernetes/components/prometheus-rule/prometheus-rule.yaml', 'utf8')) as {
    spec: { groups: { rules: Rule[] }[] };
  }
).spec.groups.flatMap((g) => g.rules);

const dashboard = JSON.parse(
  readFileSync('deploy/kubernetes/components/grafana-dashboard/nessus-gap.json', 'utf8'),
) as { panels: Panel[]; templating: { list: { name: string; definition?: string }[] } };

/** Grafana's variables as Grafana fills them in before the query reaches Prometheus. */
function grafanaToPromql(query: string): string {
  const labelValues = /^label_values\((\w+),\s*\w+\)$/.exec(query.trim());
  if (labelValues) return labelValues[1] as string;
  return query.replaceAll('$__rate_interval', '5m').replaceAll('$namespace', '.*');
}

/** Problems of one expression against the exported names, one line each. */
function problemsOf(where: string, expression: string, exported: Set<string>): string[] {
  const parsed = parsePromql(expression);
  const problems = parsed.errors.map(
    (at) => `${where}: PromQL does not parse at ${at}: ${expression.slice(at, at + 30)}`,
  );
  if (parsed.metrics.length === 0) problems.push(`${where}: selects no metric`);
  if (parsed.anonymousSelectors > 0) problems.push(`${where}: a selector without a metric name`);
  for (const metric of parsed.metrics) {
    if (!exported.has(metric)) problems.push(`${where}: ${metric} is not a metric the bot exports`);
  }
  return problems;
}

describe('alerts and dashboard on the bot own metrics', () => {
  let world: World;
  let exported: Set<string>;

  beforeAll(async () => {
    world = await startWorld(loadScenario('examples/scenarios/demo.yaml'));
    exported = exportedMetricNames(await (await fetch(`${world.botUrl}/metrics`)).text());
  });
  afterAll(async () => {
    await world?.close();
  });

  it('reads the names from /metrics', () => {
    expect([...exported].filter((n) => !n.startsWith('nessus_gap_'))).toEqual([]);
    for (const name of ['nessus_gap_ready', 'nessus_gap_store_up', 'nessus_gap_scanner_healthy']) {
      expect(exported).toContain(name);
    }
    expect(exported).toContain('nessus_gap_upstream_call_duration_seconds_bucket');
  });

  it('alerts on what the issue asks, each with a severity and a description', () => {
    expect(rules.map((r) => r.alert).sort()).toEqual(
      [
        'NessusGapInvestigationsFailing',
        'NessusGapNoReplicaUp',
        'NessusGapScannerUnhealthy',
        'NessusGapStoreUnreachable',
        'NessusGapUpstreamErrors',
      ].sort(),
    );
    for (const rule of rules) {
      expect([rule.alert, rule.labels?.severity]).toEqual([
        rule.alert,
        expect.stringMatching(/^(critical|warning)$/),
      ]);
      expect(rule.annotations?.summary).toBeTruthy();
      expect(rule.annotations?.description).toBeTruthy();
    }
    expect(rules.find((r) => r.alert === 'NessusGapScannerUnhealthy')?.for).toBe('1h');
  });

  it('alerts with expressions that parse and select only exported metrics', () => {
    const problems = rules.flatMap((rule) => problemsOf(rule.alert, rule.expr, exported));
    expect(problems).toEqual([]);
  });

  it("names in each alert's text only labels its expression keeps", () => {
    const problems: string[] = [];
    for (const rule of rules) {
      const { groupings } = parsePromql(rule.expr);
      const text = Object.values(rule.annotations ?? {}).join(' ');
      for (const [, label] of text.matchAll(/\$labels\.(\w+)/g)) {
        if (groupings.some((kept) => !kept.includes(label as string))) {
          problems.push(`${rule.alert}: $labels.${label} is aggregated away`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('charts only exported metrics, with queries that parse', () => {
    const problems: string[] = [];
    for (const panel of dashboard.panels) {
      expect(panel.targets?.length).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) {
        problems.push(...problemsOf(`panel "${panel.title}"`, grafanaToPromql(target.expr), exported));
      }
    }
    for (const variable of dashboard.templating.list.filter((v) => v.definition)) {
      problems.push(
        ...problemsOf(`variable ${variable.name}`, grafanaToPromql(variable.definition as string), exported),
      );
    }
    expect(problems).toEqual([]);
  });

  it('catches a metric the bot does not export, and a syntax error', () => {
    expect(problemsOf('test', 'sum(up{job="nessus-gap"}) == 0', exported)).toEqual([
      'test: up is not a metric the bot exports',
    ]);
    expect(problemsOf('test', 'sum(rate(nessus_gap_ready[5m]) > ', exported).join('\n')).toContain(
      'does not parse',
    );
  });
});
