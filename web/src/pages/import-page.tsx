import { useContext, useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, type Me } from '../api.ts';
import { LoadState, useLoad } from '../components/async-state.tsx';
import { number } from '../format.ts';
import { LocaleContext, isMessageKey, useT, type MessageKey } from '../i18n.ts';

interface Job {
  id: string; file: string; preset: string; status: 'queued' | 'running' | 'done' | 'failed'; progress: { done: number; total: number; step: string | null }; created_at: string;
  summary: {
    rows: number; imported: number; rejected: number; receipts: number; lines: number; customers: number; rejected_file: string | null; campaign_id?: string; replaced_earlier_import: boolean;
    already_imported: number; overlaps: { source: string; file: string | null; receipts: number }[];
  } | null;
  error: { code: string; message: string } | null;
}
/** A file the read side holds (GET /v1/import-sources). */
interface ImportRecord { source: string; file: string | null; preset: string | null; imported_at: string | null; receipts: number | null; lines: number | null; rejected: number | null; first_day: string | null; last_day: string | null }
const presets = ['transactions', 'online-retail', 'baskets', 'cdnow', 'experiment', 'hillstrom'] as const;

/** Import a chain's exports: upload, choose the layout and column mapping, watch the job, read what was rejected. */
export function ImportPage({ me }: { me: Me }) {
  const t = useT();
  const { locale } = useContext(LocaleContext);
  const [file, setFile] = useState<File | null>(null);
  const [preset, setPreset] = useState<(typeof presets)[number]>('transactions');
  const [map, setMap] = useState('');
  const [controlArm, setControlArm] = useState('');
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refresh, setRefresh] = useState(0);
  const jobs = useLoad(() => api<{ jobs: Job[] }>('/v1/imports'), [refresh]);
  const held = useLoad(() => api<{ imports: ImportRecord[] }>('/v1/import-sources'), [refresh]);
  const mayRemove = me.user.role === 'admin' || me.user.role === 'analyst';
  const remove = (source: string) => {
    if (!window.confirm(t('import.removeConfirm'))) return;
    setError(null);
    api<{ removed: string }>(`/v1/import-sources/${encodeURIComponent(source)}`, { method: 'DELETE' }).then(() => setRefresh((r) => r + 1), (e: Error) => setError(e.message));
  };

  // A running job is watched once a second until it ends.
  useEffect(() => {
    if (!job || job.status === 'done' || job.status === 'failed') return;
    const timer = setTimeout(() => api<Job>(`/v1/imports/${job.id}`).then((j) => { setJob(j); if (j.status === 'done' || j.status === 'failed') setRefresh((r) => r + 1); }, (e: Error) => setError(e.message)), 1000);
    return () => clearTimeout(timer);
  }, [job]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setError(null);
    const query = new URLSearchParams({ preset, filename: file.name.replace(/[/\\]/g, '_'), ...(map.trim() ? { map: map.replace(/\s+/g, '') } : {}), ...(controlArm.trim() ? { control_arm: controlArm.trim() } : {}) });
    const response = await fetch(`/v1/imports?${query}`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/octet-stream' }, body: file });
    const body = (await response.json()) as Job & { detail?: string; code?: string };
    if (!response.ok) setError(new ApiError(response.status, body.code ?? 'unknown', body.detail ?? response.statusText).message);
    else setJob(body);
  };
  const percentDone = job ? Math.round((100 * job.progress.done) / Math.max(1, job.progress.total)) : 0;
  return (
    <main className="page">
      <h1>{t('import.heading')}</h1>
      <form className="card form-grid" onSubmit={submit} aria-label={t('import.heading')}>
        <label>{t('import.file')}<input type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="import-file" required /></label>
        <label>{t('import.preset')}<select value={preset} onChange={(e) => setPreset(e.target.value as (typeof presets)[number])} data-testid="import-preset">{presets.map((p) => <option key={p} value={p}>{t(`preset.${p}` as MessageKey)}</option>)}</select></label>
        <label>{t('import.map')}<input value={map} onChange={(e) => setMap(e.target.value)} placeholder="Номер чека=receipt, Дата=ts" /></label>
        {(preset === 'experiment' || preset === 'hillstrom') && <label>{t('import.controlArm')}<input value={controlArm} onChange={(e) => setControlArm(e.target.value)} placeholder={preset === 'hillstrom' ? 'No E-Mail' : 'control'} /></label>}
        <button type="submit" disabled={!file}>{t('import.start')}</button>
        <p className="hint form-wide">{t('import.help')}</p>
      </form>
      {error && <p className="error card" role="alert">{error}</p>}
      {job && (
        <section className="card" data-testid="import-job">
          <h2>{job.file.split('/').pop()?.replace(/^\d+-/, '')}</h2>
          <progress max={100} value={percentDone} aria-label={t('import.progress')} /> <span className="hint" data-testid="import-status">{t(`job.${job.status}` as MessageKey)}{job.status === 'running' && isMessageKey(`import.step.${job.progress.step}`) ? ` · ${t(`import.step.${job.progress.step}` as MessageKey)}` : ''}</span>
          {job.summary && (
            <p data-testid="import-summary">
              {t('import.rows')} {number(locale, job.summary.rows)}: {t('import.imported')} {number(locale, job.summary.imported)}, {t('import.rejected')} <strong>{number(locale, job.summary.rejected)}</strong>
              {job.summary.receipts ? ` · ${t('measure.receipts')} ${number(locale, job.summary.receipts)}, ${t('import.lines')} ${number(locale, job.summary.lines)}` : ''}
              {job.summary.campaign_id ? ` · ${t('import.campaign')} ${job.summary.campaign_id}` : ''}
              {job.summary.replaced_earlier_import ? ` · ${t('import.replaced')}` : ''}
              {job.summary.already_imported > 0 ? ` · ${number(locale, job.summary.already_imported)} ${t('import.alreadyImported')} ${job.summary.overlaps.map((o) => `${o.file ?? o.source} (${number(locale, o.receipts)})`).join(', ')}` : ''}
            </p>
          )}
          {job.summary?.rejected_file && <p className="hint">{t('import.rejectedFile')} {job.summary.rejected_file}</p>}
          {job.error && <p className="error" role="alert">{job.error.message} [{job.error.code}]</p>}
        </section>
      )}
      <section className="card" data-testid="import-held">
        <h2>{t('import.held')}</h2>
        <LoadState busy={held.busy && !held.data} error={held.error} />
        {held.data?.imports.length === 0 && <p className="hint">{t('import.heldNone')}</p>}
        {held.data && held.data.imports.length > 0 && (
          <table className="data">
            <thead><tr>{(['file', 'preset', 'period', 'receipts', 'lines', 'rejected', 'at'] as const).map((c) => <th key={c}>{t(`import.col.${c}`)}</th>)}{mayRemove && <th />}</tr></thead>
            <tbody>{held.data.imports.map((r) => (
              <tr key={r.source}>
                <td title={r.source}>{r.file ?? `${r.source} ${t('import.beforeRegistry')}`}</td><td>{r.preset ? t(`preset.${r.preset}` as MessageKey) : ''}</td>
                <td>{r.first_day ? `${r.first_day} … ${r.last_day}` : ''}</td>
                <td>{r.receipts === null ? '' : number(locale, r.receipts)}</td><td>{r.lines === null ? '' : number(locale, r.lines)}</td><td>{r.rejected === null ? '' : number(locale, r.rejected)}</td>
                <td>{r.imported_at ? new Date(r.imported_at).toLocaleString(locale) : ''}</td>
                {mayRemove && <td><button type="button" onClick={() => remove(r.source)}>{t('import.remove')}</button></td>}
              </tr>
            ))}</tbody>
          </table>
        )}
        <p className="hint">{t('import.heldHelp')}</p>
      </section>
      <section className="card">
        <h2>{t('import.recent')}</h2>
        <LoadState busy={jobs.busy && !jobs.data} error={jobs.error} />
        {jobs.data?.jobs.length === 0 && <p className="hint">{t('import.none')}</p>}
        <table className="data"><tbody>{jobs.data?.jobs.map((j) => <tr key={j.id}><td>{j.file.split('/').pop()?.replace(/^\d+-/, '')}</td><td>{j.preset}</td><td>{t(`job.${j.status}` as MessageKey)}</td><td>{j.summary ? `${number(locale, j.summary.imported)} / ${number(locale, j.summary.rows)}` : j.error?.code ?? ''}</td></tr>)}</tbody></table>
      </section>
    </main>
  );
}
