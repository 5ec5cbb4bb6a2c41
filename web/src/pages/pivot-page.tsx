import { useContext, useMemo, useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { LoadState, useLoad } from '../components/async-state.tsx';
import { Chart, type ChartOption } from '../components/lazy-chart.tsx';
import { formatCell } from '../components/cell.ts';
import { download } from '../catalog.ts';
import { compactMoney, compactNumber } from '../format.ts';
import { LocaleContext, useT, type MessageKey } from '../i18n.ts';

type Row = Record<string, string | number | null>;
interface Query { measures: string[]; rows: string; columns: string; filterDimension: string; filterValues: string; from: string; to: string }

const unitOf = (measure: string) => (measure.endsWith('_kopecks') ? 'kopecks' : measure.startsWith('points') ? 'points' : 'count') as 'kopecks' | 'points' | 'count';

/** The pivot: measures by row and column dimensions over receipt lines, filtered; a table, a chart, an export. */
export function PivotPage() {
  const t = useT();
  const { locale } = useContext(LocaleContext);
  const schema = useLoad(() => api<{ measures: string[]; dimensions: string[] }>('/v1/cube/schema'), []);
  const [form, setForm] = useState<Query>({ measures: ['revenue_kopecks', 'receipts'], rows: 'month', columns: 'member', filterDimension: '', filterValues: '', from: '', to: '' });
  const [query, setQuery] = useState(form);
  const body = useMemo(() => ({
    measures: query.measures,
    dimensions: [query.rows, query.columns].filter(Boolean),
    filters: query.filterDimension && query.filterValues.trim() ? { [query.filterDimension]: query.filterValues.split(',').map((v) => v.trim()).filter(Boolean) } : {},
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
  }), [query]);
  const result = useLoad(() => api<{ rows: Row[]; seconds: number }>('/v1/cube', { method: 'POST', body }), [JSON.stringify(body)]);
  const [exportError, setExportError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQuery(form);
  };
  const dimLabel = (d: string) => t(`dim.${d}` as MessageKey);
  const measureLabel = (m: string) => t(`measure.${m}` as MessageKey);

  // Long rows (one per combination) become a table: row values down, column values × measures across.
  const pivot = useMemo(() => {
    const rows = result.data?.rows ?? [];
    const rowKeys = [...new Set(rows.map((r) => String(r[query.rows] ?? '')))];
    const colKeys = query.columns ? [...new Set(rows.map((r) => String(r[query.columns] ?? '')))].sort() : [''];
    const cell = new Map(rows.map((r) => [`${r[query.rows]}\u0000${query.columns ? r[query.columns] : ''}`, r]));
    return { rowKeys, colKeys, cell };
  }, [result.data, query]);

  const option = useMemo<ChartOption | null>(() => {
    if (!result.data || result.data.rows.length === 0) return null;
    const m = query.measures[0]!;
    return {
      grid: { left: 72, right: 16, top: 36, bottom: 28, outerBoundsMode: 'none' },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatCell(locale, unitOf(m), v) },
      legend: { top: 0, type: 'scroll' },
      xAxis: { type: 'category', data: pivot.rowKeys },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => (unitOf(m) === 'kopecks' ? compactMoney(locale, v) : compactNumber(locale, v)) } },
      series: pivot.colKeys.map((c) => ({ name: c ? `${dimLabel(query.columns)}: ${c}` : measureLabel(m), type: 'bar', data: pivot.rowKeys.map((r) => pivot.cell.get(`${r}\u0000${c}`)?.[m] ?? null) })),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pivot, locale]);

  const dims = schema.data?.dimensions ?? [];
  return (
    <main className="page">
      <h1>{t('pivot.heading')}</h1>
      <LoadState busy={schema.busy} error={schema.error} />
      {schema.data && (
        <form className="card form-grid" onSubmit={submit} aria-label={t('pivot.heading')}>
          <fieldset className="measures">
            <legend>{t('pivot.measures')}</legend>
            {schema.data.measures.map((m) => (
              <label key={m} className="check">
                <input type="checkbox" checked={form.measures.includes(m)} onChange={(e) => setForm({ ...form, measures: e.target.checked ? [...form.measures, m] : form.measures.filter((x) => x !== m) })} />
                {measureLabel(m)}
              </label>
            ))}
          </fieldset>
          <label>{t('pivot.rows')}<select value={form.rows} onChange={(e) => setForm({ ...form, rows: e.target.value })} data-testid="pivot-rows">{dims.map((d) => <option key={d} value={d}>{dimLabel(d)}</option>)}</select></label>
          <label>{t('pivot.columns')}<select value={form.columns} onChange={(e) => setForm({ ...form, columns: e.target.value })} data-testid="pivot-columns"><option value="">—</option>{dims.map((d) => <option key={d} value={d}>{dimLabel(d)}</option>)}</select></label>
          <label>{t('pivot.filter')}<select value={form.filterDimension} onChange={(e) => setForm({ ...form, filterDimension: e.target.value })}><option value="">—</option>{dims.map((d) => <option key={d} value={d}>{dimLabel(d)}</option>)}</select></label>
          <label>{t('pivot.filterValues')}<input value={form.filterValues} onChange={(e) => setForm({ ...form, filterValues: e.target.value })} placeholder="MSK-001, SPB-001" /></label>
          <label>{t('pivot.from')}<input type="date" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} /></label>
          <label>{t('pivot.to')}<input type="date" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} /></label>
          <button type="submit" disabled={form.measures.length === 0}>{t('reports.run')}</button>
        </form>
      )}
      <LoadState busy={result.busy} error={result.error} />
      {result.data && (
        <div className="card">
          <div className="toolbar">
            <span className="hint">{t('reports.rows')}: {pivot.rowKeys.length} · {result.data.seconds.toFixed(2)} s</span>
            <span className="spacer" />
            {(['csv', 'xlsx'] as const).map((f) => (
              <button key={f} type="button" className="secondary" onClick={() => download('/v1/cube/export', { ...body, format: f }, `pivot.${f}`).then(() => setExportError(null), (e: Error) => setExportError(e.message))}>{f.toUpperCase()}</button>
            ))}
          </div>
          {exportError && <p className="error" role="alert">{exportError}</p>}
          {option && <Chart option={option} label={t('pivot.heading')} />}
          <div className="table-scroll">
            <table className="data" data-testid="pivot-table">
              <thead>
                <tr>
                  <th>{dimLabel(query.rows)}</th>
                  {pivot.colKeys.flatMap((c) => query.measures.map((m) => <th key={`${c}|${m}`}>{c ? `${c} · ` : ''}{measureLabel(m)}</th>))}
                </tr>
              </thead>
              <tbody>
                {pivot.rowKeys.slice(0, 1000).map((r) => (
                  <tr key={r}>
                    <td>{r}</td>
                    {pivot.colKeys.flatMap((c) => query.measures.map((m) => <td key={`${c}|${m}`}>{formatCell(locale, unitOf(m), pivot.cell.get(`${r}\u0000${c}`)?.[m] ?? null)}</td>))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </main>
  );
}
