import type { ReportColumn, ReportInfo } from '../catalog.ts';
import type { Locale } from '../i18n.ts';
import { Chart, type ChartOption } from './lazy-chart.tsx';
import { formatCell } from './cell.ts';
import { compactMoney, compactNumber } from '../format.ts';

type Row = Record<string, unknown>;

/** The report's default chart (its definition names the type and the axes), drawn from its rows. */
export function reportChartOption(report: ReportInfo, rows: Row[], locale: Locale): ChartOption | null {
  const { type, x, y } = report.chart;
  const column = (name: string) => report.columns.find((c) => c.name === name);
  const yUnit = column(y)?.unit ?? 'ratio';
  const fmt = (v: number) => formatCell(locale, yUnit, v);
  if (type === 'table' || rows.length === 0) return null;
  if (type === 'heatmap') {
    const value = report.columns.find((c) => c.name !== x && c.name !== y && c.unit !== 'text');
    if (!value) return null;
    const xs = [...new Set(rows.map((r) => String(r[x])))];
    const ys = [...new Set(rows.map((r) => String(r[y])))];
    const values = rows.map((r) => Number(r[value.name]));
    return {
      grid: { left: 72, right: 16, top: 8, bottom: 56, outerBoundsMode: 'none' },
      tooltip: { valueFormatter: (v: number) => formatCell(locale, value.unit, v) },
      xAxis: { type: 'category', data: xs },
      yAxis: { type: 'category', data: ys },
      visualMap: { min: Math.min(...values), max: Math.max(...values), orient: 'horizontal', left: 'center', bottom: 0, calculable: true, inRange: { color: ['#eef2ff', '#2f5bea'] } },
      series: [{ type: 'heatmap', data: rows.map((r) => [xs.indexOf(String(r[x])), ys.indexOf(String(r[y])), Number(r[value.name])]) }],
    };
  }
  if (type === 'scatter') {
    return {
      grid: { left: 72, right: 16, top: 8, bottom: 28, outerBoundsMode: 'none' },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'value', name: column(x)?.title[locale], nameLocation: 'middle', nameGap: 24 },
      yAxis: { type: 'value', axisLabel: { formatter: yUnit === 'kopecks' ? (v: number) => compactMoney(locale, v) : yUnit === 'share' ? fmt : (v: number) => compactNumber(locale, v) } },
      series: [{ type: 'scatter', symbolSize: 6, data: rows.map((r) => [Number(r[x]), Number(r[y])]) }],
    };
  }
  // Bars and lines: one series per value of the first other text column when there is one (arms, mechanics, tiers …).
  const split = report.columns.find((c: ReportColumn) => c.unit === 'text' && c.name !== x && rows.some((r) => r[c.name] !== rows[0]![c.name]) && new Set(rows.map((r) => r[c.name])).size <= 8);
  const xs = [...new Set(rows.map((r) => String(r[x])))];
  const groups = split ? [...new Set(rows.map((r) => String(r[split.name])))] : [''];
  return {
    grid: { left: 8, right: 16, top: split ? 36 : 12, bottom: 28, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: { trigger: 'axis', valueFormatter: fmt },
    legend: split ? { top: 0, type: 'scroll' } : undefined,
    xAxis: { type: 'category', data: xs, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', axisLabel: { formatter: yUnit === 'kopecks' ? (v: number) => compactMoney(locale, v) : yUnit === 'share' ? fmt : (v: number) => compactNumber(locale, v) } },
    series: groups.map((g) => ({
      name: g || column(y)?.title[locale],
      type: type === 'line' ? 'line' : 'bar',
      data: xs.map((xv) => {
        const row = rows.find((r) => String(r[x]) === xv && (!split || String(r[split.name]) === g));
        return row && typeof row[y] === 'number' ? row[y] : null;
      }),
    })),
  };
}

export function ReportChart({ report, rows, locale }: { report: ReportInfo; rows: Row[]; locale: Locale }) {
  const option = reportChartOption(report, rows, locale);
  return option ? <Chart option={option} label={report.title[locale]} /> : null;
}
