/**
 * PromQL read with the Prometheus project's own grammar (@prometheus-io/lezer-promql, the parser of
 * Prometheus' web UI): syntax errors, the metric names an expression selects, and the labels it
 * keeps when it aggregates.
 */
import { parser } from '@prometheus-io/lezer-promql';

export interface ParsedExpression {
  /** Where the grammar could not go on (character offsets), empty when the expression parses. */
  errors: number[];
  /** Every metric name selected, in order. */
  metrics: string[];
  /** Selectors with no metric name (`{__name__=~"..."}`): nothing to check them against. */
  anonymousSelectors: number;
  /** The label lists of every `by (...)`; empty when the expression does not aggregate that way. */
  groupings: string[][];
}

export function parsePromql(expression: string): ParsedExpression {
  const parsed: ParsedExpression = { errors: [], metrics: [], anonymousSelectors: 0, groupings: [] };
  parser.parse(expression).iterate({
    enter(node) {
      if (node.type.isError) parsed.errors.push(node.from);
      if (node.name === 'VectorSelector') {
        const name = node.node.getChild('Identifier');
        if (name) parsed.metrics.push(expression.slice(name.from, name.to));
        else parsed.anonymousSelectors += 1;
      }
      if (node.name === 'AggregateModifier' && node.node.getChild('By')) {
        const labels = node.node.getChild('GroupingLabels')?.getChildren('LabelName') ?? [];
        parsed.groupings.push(labels.map((l) => expression.slice(l.from, l.to)));
      }
    },
  });
  return parsed;
}

/** Names a Prometheus text exposition declares (`# TYPE`), with a histogram's series names. */
export function exportedMetricNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const match of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    const [, name, type] = match as unknown as [string, string, string];
    names.add(name);
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
    if (type === 'summary') for (const suffix of ['_sum', '_count']) names.add(name + suffix);
  }
  return names;
}
