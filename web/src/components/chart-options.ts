import type { ChartOption } from './chart.tsx';

/** Estimates with their intervals, one row each: a point and a whisker (a forest plot). */
export function intervalOption(rows: { label: string; estimate: number; low: number; high: number }[], format: (x: number) => string): ChartOption {
  const labels = rows.map((r) => r.label);
  return {
    // Category names are long ("Revenue per customer"): a fixed gutter for them.
    grid: { left: 170, right: 24, top: 12, bottom: 28, outerBoundsMode: 'none' },
    tooltip: { trigger: 'item', formatter: (p: { dataIndex: number }) => { const r = rows[p.dataIndex]!; return `${r.label}: ${format(r.estimate)} (${format(r.low)} … ${format(r.high)})`; } },
    xAxis: { type: 'value', axisLabel: { formatter: format }, splitLine: { lineStyle: { color: '#eef0f4' } } },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 160, overflow: 'truncate' } },
    series: [
      {
        type: 'custom',
        renderItem: (_params: unknown, api: { value: (i: number) => number; coord: (p: [number, number]) => [number, number]; size: (p: [number, number]) => [number, number] }) => {
          const y = api.value(0);
          const lo = api.coord([api.value(1), y]);
          const hi = api.coord([api.value(2), y]);
          const h = api.size([0, 1])[1] * 0.25;
          const style = { stroke: '#2f5bea', lineWidth: 2 };
          return { type: 'group', children: [
            { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
            { type: 'line', shape: { x1: lo[0], y1: lo[1] - h, x2: lo[0], y2: lo[1] + h }, style },
            { type: 'line', shape: { x1: hi[0], y1: hi[1] - h, x2: hi[0], y2: hi[1] + h }, style },
          ] };
        },
        encode: { x: [1, 2], y: 0 },
        data: rows.map((r, i) => [i, r.low, r.high]),
        z: 1,
      },
      { type: 'scatter', data: rows.map((r, i) => [r.estimate, i]), symbolSize: 10, itemStyle: { color: '#1d2330' }, z: 2, markLine: { silent: true, symbol: 'none', data: [{ xAxis: 0 }], lineStyle: { color: '#b42318', type: 'dashed' } } },
    ],
  };
}
