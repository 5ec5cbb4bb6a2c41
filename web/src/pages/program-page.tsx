import { useContext, useMemo } from 'react';
import { Chart, type ChartOption } from '../components/lazy-chart.tsx';
import { LoadState, useLoad } from '../components/async-state.tsx';
import { number, percent } from '../format.ts';
import { LocaleContext, useT } from '../i18n.ts';
import { measure, type Estimate, type ProgramEffect } from '../measurement.ts';

/** What the program causes: the naive member gap beside the causal estimate, and the event study. */
export function ProgramPage() {
  const t = useT();
  const { locale } = useContext(LocaleContext);
  const effect = useLoad(() => measure<ProgramEffect>('program-effect'), []);
  const e = effect.data;
  const option = useMemo<ChartOption | null>(() => {
    if (!e) return null;
    const weeks = e.event_study.map((w) => String(w.week));
    return {
      grid: { left: 72, right: 16, top: 28, bottom: 28, outerBoundsMode: 'none' },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => percent(locale, v, 1, true) },
      legend: { top: 0, data: [t('program.effect'), t('program.band')] },
      xAxis: { type: 'category', data: weeks, name: t('program.weeks'), nameLocation: 'middle', nameGap: 24 },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => percent(locale, v, 0, true) } },
      series: [
        { name: 'low', type: 'line', data: e.event_study.map((w) => w.effect.ci_low), stack: 'band', lineStyle: { opacity: 0 }, symbol: 'none', tooltip: { show: false } },
        { name: t('program.band'), type: 'line', data: e.event_study.map((w) => w.effect.ci_high - w.effect.ci_low), stack: 'band', lineStyle: { opacity: 0 }, areaStyle: { color: 'rgba(47, 91, 234, 0.15)' }, symbol: 'none' },
        { name: t('program.effect'), type: 'line', data: e.event_study.map((w) => w.effect.estimate), itemStyle: { color: '#2f5bea' }, markLine: { silent: true, symbol: 'none', data: [{ yAxis: 0 }], lineStyle: { color: '#b42318', type: 'dashed' } } },
      ],
    };
  }, [e, locale, t]);
  const tile = (label: string, est: Estimate, id: string) => (
    <div className="tile">
      <span className="tile-label">{label}</span>
      <strong data-testid={id}>{percent(locale, est.estimate, 1, true)}</strong>
      <span className="hint">95% {t('campaigns.ci')} {percent(locale, est.ci_low, 1, true)} … {percent(locale, est.ci_high, 1, true)}</span>
    </div>
  );
  return (
    <main className="page">
      <h1>{t('program.heading')}</h1>
      <LoadState busy={effect.busy} error={effect.error} />
      {e && (
        <>
          <div className="tiles">
            <div className="tile naive">
              <span className="tile-label">{t('program.naive')}</span>
              <strong data-testid="naive-ratio">{e.naive.revenue_ratio === null ? '—' : `×${number(locale, e.naive.revenue_ratio, 2)}`}</strong>
              <span className="hint">{t('program.naiveHint')}</span>
            </div>
            {tile(t('program.visits'), e.visits_lift, 'visits-lift')}
            {tile(t('program.spend'), e.spend_per_visit_lift, 'spend-lift')}
            {tile(t('program.revenue'), e.revenue_lift, 'revenue-lift')}
          </div>
          <div className="card">
            <p data-testid="program-meaning">{e.meaning[locale]}</p>
            <h3>{t('program.eventStudy')}</h3>
            {option && <Chart option={option} label={t('program.eventStudy')} />}
            <p className="hint">{e.naive.meaning[locale]}</p>
            <details>
              <summary>{t('campaigns.methods')}</summary>
              <p className="hint">{e.methods[locale]}</p>
            </details>
          </div>
        </>
      )}
    </main>
  );
}
