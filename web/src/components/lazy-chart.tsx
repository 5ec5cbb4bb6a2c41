import { lazy, Suspense } from 'react';
import type { ChartOption } from './chart.tsx';

export type { ChartOption } from './chart.tsx';
export { intervalOption } from './chart-options.ts';

// The charting library (two thirds of the app's code) loads beside a page's data, not before it:
// numbers show while it arrives. Pages themselves are not lazy: React holds a revealed Suspense
// boundary back for 300 ms, which would delay every page's first request.
const EChart = lazy(() => import('./chart.tsx'));

export function Chart(props: { option: ChartOption; height?: number; label: string }) {
  return (
    <Suspense fallback={<div className="chart" style={{ height: props.height ?? 320 }} aria-busy="true" />}>
      <EChart {...props} />
    </Suspense>
  );
}
