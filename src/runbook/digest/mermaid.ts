/**
 * The chart as mermaid (`xychart-beta`), which GitHub renders in markdown: the total as bars and one
 * line per cause. The chart type has no legend, so the colours are fixed (palette.ts) and the table
 * that follows it names them. Labels are our own constants (CATEGORY_LABELS), never untrusted text.
 */

import type { DigestChart } from './digest.js';
import { causeColour, TOTAL_COLOUR } from './palette.js';

export const weekLabel = (at: Date) => at.toISOString().slice(5, 10);

export function mermaidChart(chart: DigestChart): string {
  const totals = chart.weekEnds.map((_, i) => chart.series.reduce((sum, s) => sum + (s.counts[i] ?? 0), 0));
  const top = Math.max(1, ...totals);
  const palette = [TOTAL_COLOUR.hex, ...chart.series.map((s) => causeColour(s.category).hex)].join(', ');
  return [
    '```mermaid',
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${palette}"}}}}%%`,
    'xychart-beta',
    '  title "Unscanned targets at the end of each week"',
    `  x-axis [${chart.weekEnds.map((d) => `"${weekLabel(d)}"`).join(', ')}]`,
    `  y-axis "targets" 0 --> ${top}`,
    `  bar [${totals.join(', ')}]`,
    ...chart.series.map((s) => `  line [${s.counts.join(', ')}]`),
    '```',
  ].join('\n');
}
