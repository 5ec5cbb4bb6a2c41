import { useContext, useMemo, useState, type ReactNode } from 'react';
import { api, type Store } from '../api.ts';
import { LoadState, useLoad } from '../components/async-state.tsx';
import { Chart, intervalOption, type ChartOption } from '../components/lazy-chart.tsx';
import { money, number, percent } from '../format.ts';
import { LocaleContext, useT, type MessageKey } from '../i18n.ts';
import { measure, reportRows, type CampaignEffect, type CampaignRow } from '../measurement.ts';
import { Link } from '../router.tsx';

type Row = Record<string, string | number | null>;
interface Cube { rows: Row[]; from: string; to: string }
const day = 86_400_000;
const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * day).toISOString().slice(0, 10);
const sum = (rows: Row[], key: string, pick: (r: Row) => boolean = () => true) => rows.filter(pick).reduce((s, r) => s + Number(r[key] ?? 0), 0);
const cube = (body: Record<string, unknown>) => api<Cube>('/v1/cube', { method: 'POST', body });

interface Kpis { revenue: number; receipts: number; average: number; members: number; memberRevenueShare: number; memberReceiptShare: number; earned: number; redeemed: number }
function kpis(rows: Row[]): Kpis {
  const revenue = sum(rows, 'revenue_kopecks');
  const receipts = sum(rows, 'receipts');
  const member = (r: Row) => r['member'] === 'yes';
  return {
    revenue, receipts, average: receipts ? revenue / receipts : 0, members: sum(rows, 'customers', member),
    memberRevenueShare: revenue ? sum(rows, 'revenue_kopecks', member) / revenue : 0, memberReceiptShare: receipts ? sum(rows, 'receipts', member) / receipts : 0,
    earned: sum(rows, 'points_earned'), redeemed: sum(rows, 'points_redeemed'),
  };
}

/** The program at a glance: each tile a number with its comparison, a chart, and the report behind it. */
export function DashboardPage() {
  const t = useT();
  const { locale } = useContext(LocaleContext);
  const stores = useLoad(() => api<{ stores: Store[] }>('/v1/stores'), []);
  const [filters, setFilters] = useState({ from: '', to: '', store: '', segment: '' });
  const cubeFilters = { ...(filters.store ? { store: [filters.store] } : {}), ...(filters.segment ? { rfm_segment: [filters.segment] } : {}) };
  const measures = ['revenue_kopecks', 'receipts', 'customers', 'points_earned', 'points_redeemed'];
  const data = useLoad(async () => {
    const period = { ...(filters.from ? { from: filters.from } : {}), ...(filters.to ? { to: filters.to } : {}) };
    const now = await cube({ measures, dimensions: ['member'], filters: cubeFilters, ...period });
    const days = Math.round((Date.parse(now.to) - Date.parse(now.from)) / day) + 1;
    const [before, weekly] = await Promise.all([
      cube({ measures, dimensions: ['member'], filters: cubeFilters, from: shift(now.from, -days), to: shift(now.from, -1) }),
      cube({ measures: ['revenue_kopecks', 'receipts'], dimensions: ['week', 'member'], filters: cubeFilters, from: shift(now.to, -7 * 26 + 1), to: now.to }),
    ]);
    return { now, before, weekly, days };
  }, [JSON.stringify(filters)]);
  const period = data.data ? { from: data.data.now.from, to: data.data.now.to } : null;
  const trend = period ? { from: shift(period.to, -364), to: period.to } : null;
  const reports = useLoad(async () => {
    if (!period || !trend) return null;
    const [flow, points, rfm, bands, campaigns] = await Promise.all([
      reportRows<Row>('customers.flow', trend), reportRows<Row>('program.points-flow', trend), reportRows<Row>('segments.rfm-map', period),
      reportRows<Row>('receipts.check-size-bands', period), reportRows<CampaignRow>('measurement.campaigns'),
    ]);
    const measured = await Promise.all(campaigns.filter((c) => c.control > 1).map((c) => measure<CampaignEffect>('campaign-effect', {}, c.campaign_id).catch(() => null)));
    return { flow, points, rfm, bands, campaigns: measured.filter((m): m is CampaignEffect => m !== null) };
  }, [period?.from, period?.to]);

  const now = data.data ? kpis(data.data.now.rows) : null;
  const before = data.data ? kpis(data.data.before.rows) : null;
  const weeks = useMemo(() => {
    const rows = data.data?.weekly.rows ?? [];
    const keys = [...new Set(rows.map((r) => String(r['week'])))].sort();
    return keys.map((w) => {
      const of = rows.filter((r) => r['week'] === w);
      const revenue = sum(of, 'revenue_kopecks');
      return { week: w, revenue, members: revenue ? sum(of, 'revenue_kopecks', (r) => r['member'] === 'yes') / revenue : 0, receipts: sum(of, 'receipts'), average: sum(of, 'receipts') ? revenue / sum(of, 'receipts') : 0 };
    });
  }, [data.data]);
  const spark = (values: number[], format: (v: number) => string): ChartOption => ({
    grid: { left: 0, right: 0, top: 4, bottom: 0 }, tooltip: { trigger: 'axis', valueFormatter: format },
    xAxis: { type: 'category', show: false, data: weeks.map((w) => w.week) }, yAxis: { type: 'value', show: false, scale: true },
    series: [{ type: 'line', data: values, symbol: 'none', areaStyle: { color: 'rgba(47, 91, 234, 0.08)' }, lineStyle: { color: '#2f5bea' } }],
  });
  const change = (a: number, b: number) => (b ? a / b - 1 : null);
  const segments = ['champions', 'loyal', 'new', 'needs_attention', 'at_risk', 'hibernating'];
  // The panels below the tiles read chain-wide reports: with a store or segment chosen they say so.
  const chainWide = Boolean(filters.store || filters.segment);

  return (
    <main className="page">
      <h1>{t('dashboard.heading')}</h1>
      <form className="card form-grid" onSubmit={(e) => e.preventDefault()} aria-label={t('dashboard.filters')}>
        <label>{t('pivot.from')}<input type="date" value={filters.from} onChange={(e) => setFilters({ ...filters, from: e.target.value })} data-testid="dashboard-from" /></label>
        <label>{t('pivot.to')}<input type="date" value={filters.to} onChange={(e) => setFilters({ ...filters, to: e.target.value })} data-testid="dashboard-to" /></label>
        <label>{t('pos.store')}<select value={filters.store} onChange={(e) => setFilters({ ...filters, store: e.target.value })} data-testid="dashboard-store"><option value="">{t('dashboard.allStores')}</option>{stores.data?.stores.map((s) => <option key={s.id} value={s.code}>{s.code} — {s.name}</option>)}</select></label>
        <label>{t('customer.segment')}<select value={filters.segment} onChange={(e) => setFilters({ ...filters, segment: e.target.value })}><option value="">{t('dashboard.allSegments')}</option>{segments.map((s) => <option key={s} value={s}>{t(`segment.${s}` as MessageKey)}</option>)}</select></label>
        {period && <p className="hint" data-testid="dashboard-period">{period.from} … {period.to} · {t('dashboard.against')} {shift(period.from, -data.data!.days)} … {shift(period.from, -1)}</p>}
      </form>
      <LoadState busy={data.busy} error={data.error} />
      {now && before && (
        <>
          <h2>{t('group.program')}</h2>
          <div className="tiles">
            <Kpi label={t('measure.revenue_kopecks')} value={money(locale, now.revenue)} change={change(now.revenue, before.revenue)} report="sales.by-period" chart={spark(weeks.map((w) => w.revenue), (v) => money(locale, v))} testId="kpi-revenue" />
            <Kpi label={t('measure.receipts')} value={number(locale, now.receipts)} change={change(now.receipts, before.receipts)} report="program.kpi-summary" chart={spark(weeks.map((w) => w.receipts), (v) => number(locale, v))} testId="kpi-receipts" />
            <Kpi label={t('measure.average_check_kopecks')} value={money(locale, now.average)} change={change(now.average, before.average)} report="receipts.average-check" chart={spark(weeks.map((w) => w.average), (v) => money(locale, v))} testId="kpi-average" />
            <Kpi label={t('dashboard.penetration')} value={percent(locale, now.memberRevenueShare)} change={change(now.memberRevenueShare, before.memberRevenueShare)} report="program.card-penetration" chart={spark(weeks.map((w) => w.members), (v) => percent(locale, v))} testId="kpi-penetration" note={`${t('dashboard.ofReceipts')} ${percent(locale, now.memberReceiptShare)}`} />
            <Kpi label={t('dashboard.activeMembers')} value={number(locale, now.members)} change={change(now.members, before.members)} report="program.members-vs-non-members" testId="kpi-members" />
            <Kpi label={t('dashboard.points')} value={`+${number(locale, now.earned)} / −${number(locale, now.redeemed)}`} change={change(now.earned, before.earned)} report="program.points-flow" testId="kpi-points" />
          </div>
        </>
      )}
      <LoadState busy={reports.busy && !!data.data} error={reports.error} />
      {reports.data && (
        <div className="grid-2">
          <Panel title={t('dashboard.liability')} report="program.points-flow" chainWide={chainWide}>
            <Chart label={t('dashboard.liability')} height={240} option={{
              grid: { left: 72, right: 8, top: 32, bottom: 24, outerBoundsMode: 'none' }, tooltip: { trigger: 'axis' }, legend: { top: 0 },
              xAxis: { type: 'category', data: reports.data.points.map((r) => String(r['month']).slice(0, 7)) }, yAxis: { type: 'value' },
              series: [
                { name: t('measure.points_earned'), type: 'bar', data: reports.data.points.map((r) => r['earned']) },
                { name: t('measure.points_redeemed'), type: 'bar', data: reports.data.points.map((r) => r['redeemed']) },
                { name: t('dashboard.liabilityLine'), type: 'line', data: reports.data.points.map((r) => r['liability']) },
              ],
            }} />
          </Panel>
          <Panel title={t('dashboard.customerFlow')} report="customers.flow" chainWide={chainWide}>
            <Chart label={t('dashboard.customerFlow')} height={240} option={{
              grid: { left: 72, right: 8, top: 32, bottom: 24, outerBoundsMode: 'none' }, tooltip: { trigger: 'axis' }, legend: { top: 0 },
              xAxis: { type: 'category', data: reports.data.flow.map((r) => String(r['month']).slice(0, 7)) }, yAxis: [{ type: 'value' }, { type: 'value', axisLabel: { formatter: (v: number) => percent(locale, v, 0) } }],
              series: [
                { name: t('dashboard.inflow'), type: 'bar', data: reports.data.flow.map((r) => r['inflow']) },
                { name: t('dashboard.outflow'), type: 'bar', data: reports.data.flow.map((r) => -Number(r['outflow'])) },
                { name: t('dashboard.churn'), type: 'line', yAxisIndex: 1, data: reports.data.flow.map((r) => r['churn_rate']) },
              ],
            }} />
          </Panel>
          <Panel title={t('dashboard.rfm')} report="segments.rfm-map" chainWide={chainWide}>
            <Chart label={t('dashboard.rfm')} height={240} option={{
              grid: { left: 40, right: 8, top: 8, bottom: 36 },
              tooltip: { formatter: (p: { data: [number, number, number, string] }) => `${t(`segment.${p.data[3]}` as MessageKey)}: ${number(locale, p.data[2])}` },
              xAxis: { type: 'category', data: ['1', '2', '3', '4', '5'], name: 'R', nameLocation: 'middle', nameGap: 22 },
              yAxis: { type: 'category', data: ['1', '2', '3', '4', '5'], name: 'F', nameLocation: 'middle', nameGap: 26 },
              visualMap: { show: false, min: 0, max: Math.max(1, ...reports.data.rfm.map((r) => Number(r['customers']))), inRange: { color: ['#eef2ff', '#2f5bea'] } },
              series: [{
                type: 'heatmap',
                data: reports.data.rfm.map((r) => [Number(r['r']) - 1, Number(r['f']) - 1, Number(r['customers']), String(r['segment'])]),
                label: { show: true, formatter: (p: { data: [number, number, number, string] }) => t(`segment.${p.data[3]}` as MessageKey).slice(0, 8), fontSize: 10 },
              }],
            }} />
          </Panel>
          <Panel title={t('dashboard.checkBands')} report="receipts.check-size-bands" chainWide={chainWide}>
            <Chart label={t('dashboard.checkBands')} height={240} option={{
              grid: { left: 72, right: 8, top: 32, bottom: 24, outerBoundsMode: 'none' }, tooltip: { trigger: 'axis', valueFormatter: (v: number) => percent(locale, v) }, legend: { top: 0 },
              xAxis: { type: 'category', data: reports.data.bands.map((r) => String(r['band'])) }, yAxis: { type: 'value', axisLabel: { formatter: (v: number) => percent(locale, v, 0) } },
              series: [
                { name: t('dashboard.shareReceipts'), type: 'bar', data: reports.data.bands.map((r) => r['receipts_share']) },
                { name: t('dashboard.shareRevenue'), type: 'bar', data: reports.data.bands.map((r) => r['revenue_share']) },
              ],
            }} />
          </Panel>
          <Panel title={t('dashboard.campaigns')} link="/campaigns" wide chainWide={chainWide}>
            {reports.data.campaigns.length === 0 ? <p>{t('campaigns.none')}</p> : (
              <>
                <Chart label={t('dashboard.campaigns')} height={Math.max(140, reports.data.campaigns.length * 44 + 40)} option={intervalOption(reports.data.campaigns.map((c) => {
                  const r = c.comparisons.find((x) => x.metric === 'revenue_per_customer')!;
                  const e = r.cuped?.relative ?? r.relative;
                  return { label: c.campaign.name, estimate: e.estimate, low: e.ci_low, high: e.ci_high };
                }).filter((r) => Number.isFinite(r.low)), (x) => percent(locale, x, 0, true))} />
                <table className="data" data-testid="dashboard-campaigns">
                  <thead><tr><th>{t('nav.campaigns')}</th><th>{t('campaigns.revenuePerCustomer')}</th><th>ROI</th><th /></tr></thead>
                  <tbody>{reports.data.campaigns.map((c) => {
                    const r = c.comparisons.find((x) => x.metric === 'revenue_per_customer')!;
                    const d = r.cuped?.difference ?? r.difference;
                    const roi = c.economics[0]?.roi_margin_pct ?? c.economics[0]?.roi_revenue_pct;
                    return <tr key={c.campaign.id}><td>{c.campaign.name}</td><td>{money(locale, d.estimate, 2)} ({money(locale, d.ci_low, 2)} … {money(locale, d.ci_high, 2)})</td><td>{roi ? percent(locale, roi.estimate / 100, 0) : '—'}</td><td>{r.significant ? t('dashboard.significant') : t('dashboard.notSignificant')}{c.after_window[0]?.pulled_forward ? ` · ${t('dashboard.pulled')}` : ''}</td></tr>;
                  })}</tbody>
                </table>
              </>
            )}
          </Panel>
        </div>
      )}
    </main>
  );
}

function Kpi({ label, value, change, report, chart, note, testId }: { label: string; value: string; change: number | null; report: string; chart?: ChartOption; note?: string; testId: string }) {
  const t = useT();
  const { locale } = useContext(LocaleContext);
  return (
    <div className="tile">
      <span className="tile-label">{label}</span>
      <strong data-testid={testId}>{value}</strong>
      <span className={change === null ? 'hint' : change >= 0 ? 'hint up' : 'hint down'}>{change === null ? '—' : percent(locale, change, 1, true)} {t('dashboard.vsPrevious')}{note ? ` · ${note}` : ''}</span>
      {chart && <Chart option={chart} height={48} label={label} />}
      <Link to={`/reports/${report}`} className="hint">{t('dashboard.report')} →</Link>
    </div>
  );
}

function Panel({ title, report, link, wide, chainWide, children }: { title: string; report?: string; link?: string; wide?: boolean; chainWide: boolean; children: ReactNode }) {
  const t = useT();
  return (
    <section className={wide ? 'card wide' : 'card'}>
      <div className="toolbar"><h3>{title}</h3><span className="spacer" />{chainWide && <span className="badge warn">{t('dashboard.chainWide')}</span>}<Link to={link ?? `/reports/${report}`} className="hint">{t('dashboard.report')} →</Link></div>
      {children}
    </section>
  );
}
