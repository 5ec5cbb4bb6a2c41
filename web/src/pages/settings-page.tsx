import { useContext, useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, type Me, type Store } from '../api.ts';
import { LoadState, useLoad } from '../components/async-state.tsx';
import { money, number } from '../format.ts';
import { LocaleContext, useT, type MessageKey } from '../i18n.ts';

interface Tier { code: string; name: string; threshold_kopecks: number; earn_rate_bp: number }
type Expiry = { kind: 'never' } | { kind: 'after_days'; days: number } | { kind: 'end_of_period'; period: 'month' | 'quarter' | 'year'; after_days: number } | { kind: 'inactivity'; days: number };
interface Settings {
  point_value_kopecks: number; rounding: 'down' | 'half_up'; max_redeem_share_bp: number; min_balance_to_redeem: number; pending_days: number; expiry: Expiry;
  earn_on_redeemed_part: boolean; non_promotable_categories: string[]; tiers: Tier[]; tier_window_days: number; tier_downgrade: 'recalculate' | 'never';
  tier_downgrade_grace_days: number; return_policy: 'pending_only' | 'up_to_balance' | 'allow_negative'; hold_ttl_minutes: number;
}
interface Figures { total_kopecks: number; points_earned: number; max_redeemable_points: number; lines: { name: string; points_earned: number; non_promotable: boolean }[] }
interface Product { sku: string; name: string; price_kopecks: number | null; non_promotable: boolean }

/** The program's rules: edited as a whole, validated by the server, previewed on a sample receipt before saving. */
export function SettingsPage({ me }: { me: Me }) {
  const t = useT();
  const { locale } = useContext(LocaleContext);
  const [version, setVersion] = useState(0);
  const loaded = useLoad(() => api<{ version: number; created_at: string; settings: Settings }>('/v1/program/settings'), [version]);
  const products = useLoad(() => api<{ products: Product[] }>('/v1/catalog/products'), []);
  const stores = useLoad(() => api<{ stores: Store[] }>('/v1/stores'), []);
  const [draft, setDraft] = useState<Settings | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ draft: Figures; current: Figures } | null>(null);
  useEffect(() => { if (loaded.data) setDraft(structuredClone(loaded.data.settings)); }, [loaded.data]);
  const canSave = me.user.role === 'admin';
  if (!draft) return <main className="page"><h1>{t('settings.heading')}</h1><LoadState busy={loaded.busy} error={loaded.error} /></main>;

  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => { setDraft({ ...draft, [key]: value }); setPreview(null); setSaved(null); };
  const int = (s: string) => Math.round(Number(s.replace(',', '.')));
  const explain = (e: unknown) => {
    const issues = e instanceof ApiError ? e.message : String(e);
    setProblem(issues);
  };
  // A sample receipt: the first three priced products, one of each, plus a non-promotable one when
  // there is one. The preview button waits for them: clicked before they arrive, it had no sample.
  const sampleLines = () => {
    const priced = (products.data?.products ?? []).filter((p) => p.price_kopecks);
    const pick = [...priced.filter((p) => !p.non_promotable).slice(0, 3), ...priced.filter((p) => p.non_promotable).slice(0, 1)];
    return pick.map((p) => ({ sku: p.sku, qty: 1, price_kopecks: p.price_kopecks!, amount_kopecks: p.price_kopecks! }));
  };
  const runPreview = () => {
    setProblem(null);
    const lines = sampleLines();
    if (lines.length === 0 || !stores.data?.stores[0]) { setProblem(t('settings.noSample')); return; }
    api<{ draft: Figures; current: Figures }>('/v1/program/settings/preview', { method: 'POST', body: { settings: draft, receipt: { store: stores.data.stores[0].code, terminal: 'PREVIEW', lines } } }).then(setPreview, explain);
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    api<{ version: number }>('/v1/program/settings', { method: 'PUT', body: draft }).then((r) => { setSaved(`${t('settings.saved')} ${r.version}`); setVersion((v) => v + 1); }, explain);
  };
  const tier = (i: number, patch: Partial<Tier>) => set('tiers', draft.tiers.map((x, j) => (j === i ? { ...x, ...patch } : x)));

  return (
    <main className="page">
      <h1>{t('settings.heading')}</h1>
      <p className="hint" data-testid="settings-version">{t('settings.version')} {loaded.data?.version} · {loaded.data?.created_at.slice(0, 10)}</p>
      <form className="card form-grid" onSubmit={save} aria-label={t('settings.heading')}>
        <label>{t('settings.pointValue')}<input inputMode="decimal" value={draft.point_value_kopecks / 100} onChange={(e) => set('point_value_kopecks', int(String(Number(e.target.value.replace(',', '.')) * 100)))} /></label>
        <label>{t('settings.rounding')}<select value={draft.rounding} onChange={(e) => set('rounding', e.target.value as Settings['rounding'])}><option value="down">{t('settings.down')}</option><option value="half_up">{t('settings.halfUp')}</option></select></label>
        <label>{t('settings.maxRedeem')}<input inputMode="decimal" value={draft.max_redeem_share_bp / 100} onChange={(e) => set('max_redeem_share_bp', int(String(Number(e.target.value.replace(',', '.')) * 100)))} data-testid="settings-max-redeem" /></label>
        <label>{t('settings.minBalance')}<input inputMode="numeric" value={draft.min_balance_to_redeem} onChange={(e) => set('min_balance_to_redeem', int(e.target.value))} /></label>
        <label>{t('settings.pendingDays')}<input inputMode="numeric" value={draft.pending_days} onChange={(e) => set('pending_days', int(e.target.value))} /></label>
        <label>{t('settings.expiry')}
          <select value={draft.expiry.kind} onChange={(e) => {
            const kind = e.target.value as Expiry['kind'];
            set('expiry', kind === 'never' ? { kind } : kind === 'end_of_period' ? { kind, period: 'year', after_days: 365 } : { kind, days: 180 });
          }}>
            {(['never', 'after_days', 'end_of_period', 'inactivity'] as const).map((k) => <option key={k} value={k}>{t(`expiry.${k}` as MessageKey)}</option>)}
          </select>
        </label>
        {'days' in draft.expiry && <label>{t('settings.expiryDays')}<input inputMode="numeric" value={draft.expiry.days} onChange={(e) => set('expiry', { ...draft.expiry, days: int(e.target.value) } as Expiry)} /></label>}
        {draft.expiry.kind === 'end_of_period' && (
          <>
            <label>{t('settings.period')}<select value={draft.expiry.period} onChange={(e) => set('expiry', { ...draft.expiry, period: e.target.value } as Expiry)}><option value="month">{t('settings.month')}</option><option value="quarter">{t('settings.quarter')}</option><option value="year">{t('settings.year')}</option></select></label>
            <label>{t('settings.expiryDays')}<input inputMode="numeric" value={draft.expiry.after_days} onChange={(e) => set('expiry', { ...draft.expiry, after_days: int(e.target.value) } as Expiry)} /></label>
          </>
        )}
        <label>{t('settings.nonPromotable')}<input value={draft.non_promotable_categories.join(', ')} onChange={(e) => set('non_promotable_categories', e.target.value.split(',').map((s) => s.trim()).filter(Boolean))} /></label>
        <label>{t('settings.returnPolicy')}<select value={draft.return_policy} onChange={(e) => set('return_policy', e.target.value as Settings['return_policy'])}>{(['pending_only', 'up_to_balance', 'allow_negative'] as const).map((k) => <option key={k} value={k}>{t(`policy.${k}` as MessageKey)}</option>)}</select></label>
        <label>{t('settings.tierWindow')}<input inputMode="numeric" value={draft.tier_window_days} onChange={(e) => set('tier_window_days', int(e.target.value))} /></label>
        <label>{t('settings.downgrade')}<select value={draft.tier_downgrade} onChange={(e) => set('tier_downgrade', e.target.value as Settings['tier_downgrade'])}><option value="recalculate">{t('settings.recalculate')}</option><option value="never">{t('settings.never')}</option></select></label>
        <label className="check"><input type="checkbox" checked={draft.earn_on_redeemed_part} onChange={(e) => set('earn_on_redeemed_part', e.target.checked)} />{t('settings.earnOnRedeemed')}</label>
        <fieldset className="measures">
          <legend>{t('settings.tiers')}</legend>
          <table className="data">
            <thead><tr><th>{t('settings.code')}</th><th>{t('settings.name')}</th><th>{t('settings.threshold')}</th><th>{t('settings.rate')}</th><th /></tr></thead>
            <tbody>{draft.tiers.map((x, i) => (
              <tr key={i}>
                <td><input value={x.code} onChange={(e) => tier(i, { code: e.target.value })} aria-label={t('settings.code')} /></td>
                <td><input value={x.name} onChange={(e) => tier(i, { name: e.target.value })} aria-label={t('settings.name')} /></td>
                <td><input inputMode="decimal" value={x.threshold_kopecks / 100} onChange={(e) => tier(i, { threshold_kopecks: int(String(Number(e.target.value) * 100)) })} aria-label={t('settings.threshold')} /></td>
                <td><input inputMode="decimal" value={x.earn_rate_bp / 100} onChange={(e) => tier(i, { earn_rate_bp: int(String(Number(e.target.value.replace(',', '.')) * 100)) })} aria-label={t('settings.rate')} data-testid={`tier-rate-${i}`} /></td>
                <td><button type="button" className="link" onClick={() => set('tiers', draft.tiers.filter((_, j) => j !== i))}>×</button></td>
              </tr>
            ))}</tbody>
          </table>
          <button type="button" className="secondary" onClick={() => set('tiers', [...draft.tiers, { code: `tier${draft.tiers.length + 1}`, name: '', threshold_kopecks: 0, earn_rate_bp: 0 }])}>{t('settings.addTier')}</button>
        </fieldset>
        <div className="toolbar">
          <button type="button" className="secondary" onClick={runPreview} disabled={!products.data || !stores.data} data-testid="settings-preview">{t('settings.preview')}</button>
          <button type="submit" disabled={!canSave} title={canSave ? undefined : t('settings.adminOnly')}>{t('settings.save')}</button>
        </div>
        {problem && <p className="error" role="alert">{problem}</p>}
        {saved && <p className="ok" role="status">{saved}</p>}
      </form>
      {preview && (
        <section className="card" data-testid="settings-preview-result">
          <h2>{t('settings.sample')}</h2>
          <table className="data">
            <thead><tr><th /><th>{t('settings.current')}</th><th>{t('settings.draft')}</th></tr></thead>
            <tbody>
              <tr><td>{t('pos.total')}</td><td>{money(locale, preview.current.total_kopecks, 2)}</td><td>{money(locale, preview.draft.total_kopecks, 2)}</td></tr>
              <tr><td>{t('pos.earn')}</td><td>{number(locale, preview.current.points_earned)}</td><td data-testid="preview-draft-earned">{number(locale, preview.draft.points_earned)}</td></tr>
              <tr><td>{t('pos.maxRedeem')}</td><td>{number(locale, preview.current.max_redeemable_points)}</td><td>{number(locale, preview.draft.max_redeemable_points)}</td></tr>
              {preview.draft.lines.map((l, i) => <tr key={i}><td>{l.name}{l.non_promotable ? ' ⊘' : ''}</td><td>{preview.current.lines[i]?.points_earned}</td><td>{l.points_earned}</td></tr>)}
            </tbody>
          </table>
          <p className="hint">{t('settings.previewNote')}</p>
        </section>
      )}
    </main>
  );
}
