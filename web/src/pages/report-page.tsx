import { useContext, useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { LoadState, useLoad } from '../components/async-state.tsx';
import { formatCell } from '../components/cell.ts';
import { ReportChart } from '../components/report-chart.tsx';
import { download, reportCatalog, type ReportInfo } from '../catalog.ts';
import { LocaleContext, useT } from '../i18n.ts';
import { Link } from '../router.tsx';

type Row = Record<string, unknown>;

/** One report: its parameters form, chart, table, plain-language definition and export. */
export function ReportPage({ id }: { id: string }) {
  const t = useT();
  const catalog = useLoad(reportCatalog, []);
  const report = catalog.data?.find((r) => r.id === id);
  return (
    <main className="page">
      <p><Link to="/reports">← {t('reports.heading')}</Link></p>
      <LoadState busy={catalog.busy} error={catalog.error} />
      {catalog.data && !report && <p className="error" role="alert">{t('reports.unknown')}</p>}
      {report && <ReportView key={report.id} report={report} />}
    </main>
  );
}

function initialParams(report: ReportInfo): Record<string, string> {
  const fromUrl = new URLSearchParams(window.location.search);
  return Object.fromEntries(report.params.map((p) => [p.name, fromUrl.get(p.name) ?? (p.default === null ? '' : String(p.default))]));
}

function ReportView({ report }: { report: ReportInfo }) {
  const t = useT();
  const { locale } = useContext(LocaleContext);
  const [form, setForm] = useState<Record<string, string>>(() => initialParams(report));
  const [params, setParams] = useState(form);
  const [exportError, setExportError] = useState<string | null>(null);
  // Empty fields fall back to the report's defaults (a period ends with the data by default).
  const given = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== ''));
  const result = useLoad(() => api<{ rows: Row[]; seconds: number }>(`/v1/reports/${report.id}/run`, { method: 'POST', body: { params: given } }), [JSON.stringify(given)]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setParams(form);
    window.history.replaceState(null, '', `?${new URLSearchParams(Object.entries(form).filter(([, v]) => v !== ''))}`);
  };
  const exportAs = (format: 'csv' | 'xlsx') => download(`/v1/reports/${report.id}/export`, { params: given, format }, `${report.id}.${format}`).then(() => setExportError(null), (e: Error) => setExportError(e.message));
  const rows = result.data?.rows ?? [];
  return (
    <>
      <h1 data-testid="report-title">{report.title[locale]}</h1>
      <p className="hint" data-testid="report-definition">{report.description[locale]}</p>
      {report.params.length > 0 && (
        <form className="card form-grid" onSubmit={submit} aria-label={t('reports.params')}>
          {report.params.map((p) => (
            <label key={p.name}>
              {p.title[locale]}
              {p.type === 'enum' ? (
                <select value={form[p.name]} onChange={(e) => setForm({ ...form, [p.name]: e.target.value })} name={p.name}>
                  {p.values!.map((v) => <option key={v} value={v}>{v}</option>)}
                </select>
              ) : (
                <input
                  name={p.name}
                  value={form[p.name]}
                  type={p.name === 'from' || p.name === 'to' ? 'date' : p.type === 'number' ? 'number' : 'text'}
                  min={p.min}
                  max={p.max}
                  step="any"
                  onChange={(e) => setForm({ ...form, [p.name]: e.target.value })}
                />
              )}
            </label>
          ))}
          <button type="submit">{t('reports.run')}</button>
        </form>
      )}
      <LoadState busy={result.busy} error={result.error} />
      {result.data && (
        <div className="card">
          <div className="toolbar">
            <span className="hint" data-testid="report-rows">{t('reports.rows')}: {rows.length} · {result.data.seconds.toFixed(2)} s</span>
            <span className="spacer" />
            <button type="button" className="secondary" onClick={() => exportAs('csv')}>CSV</button>
            <button type="button" className="secondary" onClick={() => exportAs('xlsx')}>XLSX</button>
          </div>
          {exportError && <p className="error" role="alert">{exportError}</p>}
          {rows.length === 0 ? <p>{t('reports.empty')}</p> : <ReportChart report={report} rows={rows} locale={locale} />}
          <div className="table-scroll">
            <table className="data" data-testid="report-table">
              <thead><tr>{report.columns.map((c) => <th key={c.name} title={c.name}>{c.title[locale]}</th>)}</tr></thead>
              <tbody>
                {rows.slice(0, 500).map((r, i) => (
                  <tr key={i}>{report.columns.map((c) => <td key={c.name}>{formatCell(locale, c.unit, r[c.name])}</td>)}</tr>
                ))}
              </tbody>
            </table>
          </div>
          {rows.length > 500 && <p className="hint">{t('reports.truncated')}</p>}
        </div>
      )}
    </>
  );
}
