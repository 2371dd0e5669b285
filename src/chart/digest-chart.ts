/**
 * The digest's chart as an image: ECharts draws it to SVG on the server (no browser, no DOM), resvg
 * turns the SVG into PNG. resvg draws text only with a font it is given, so one ships as an npm
 * package (Inter, SIL Open Font License) and no system font is looked for: the same image on every
 * machine, the slim Docker image included.
 */
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { DigestChart } from '../runbook/digest/digest.js';
import { weekLabel } from '../runbook/digest/mermaid.js';
import { causeColour } from '../runbook/digest/palette.js';
import { CATEGORY_LABELS } from '../runbook/report/labels.js';

export const CHART_WIDTH = 900;
export const CHART_HEIGHT = 450;
const FONT_FAMILY = 'Inter';

const require = createRequire(import.meta.url);
const FONT_FILES = ['400Regular/Inter_400Regular.ttf', '700Bold/Inter_700Bold.ttf'].map((file) =>
  require.resolve(`@expo-google-fonts/inter/${file}`),
);

/** A stacked bar per week: the unscanned targets at its end, by cause. */
export function digestChartSvg(chart: DigestChart, title: string): string {
  const instance = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  });
  try {
    instance.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT_FAMILY },
      title: { text: title, left: 'center', top: 10, textStyle: { fontSize: 16, fontFamily: FONT_FAMILY } },
      legend: { bottom: 10, textStyle: { fontFamily: FONT_FAMILY } },
      grid: { left: 60, right: 30, top: 60, bottom: 90 },
      xAxis: {
        type: 'category',
        data: chart.weekEnds.map(weekLabel),
        name: 'week ending',
        nameLocation: 'middle',
        nameGap: 30,
      },
      yAxis: { type: 'value', minInterval: 1, name: 'targets' },
      series: chart.series.map((s) => ({
        name: CATEGORY_LABELS[s.category] ?? s.category,
        type: 'bar',
        stack: 'unscanned',
        itemStyle: { color: causeColour(s.category).hex },
        data: s.counts,
      })),
    });
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

export function svgToPng(svg: string): Buffer {
  const image = new Resvg(svg, {
    background: '#ffffff',
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
  });
  return Buffer.from(image.render().asPng());
}

export function digestChartPng(chart: DigestChart, title: string): Buffer {
  return svgToPng(digestChartSvg(chart, title));
}
