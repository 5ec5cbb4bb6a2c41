import { useContext, useState } from 'react';
import { Chart, intervalOption } from '../components/lazy-chart.tsx';
import { LoadState, useLoad } from '../components/async-state.tsx';
import { date, money, number, percent } from '../format.ts';
import { LocaleContext, useT, type MessageKey } from '../i18n.ts';
import { measure, reportRows, type CampaignEffect, type CampaignRow } from '../measurement.ts';

/** Campaign effectiveness: each campaign against its control group, with intervals, cost and ROI. */
export function CampaignsPage() {
  const t = useT();
  const { locale } = useContext(LocaleContext);
  const campaigns = useLoad(() => reportRows<CampaignRow>('measurement.campaigns'), []);
  const [chosen, setChosen] = useState<string | null>(new URLSearchParams(window.location.search).get('campaign'));
  const withControl = (campaigns.data ?? []).filter((c) => c.control > 1);
  const selected = chosen ?? withControl.filter((c) => c.kind === 'patron').at(-1)?.campaign_id ?? withControl.at(-1)?.campaign_id ?? null;
  const effect = useLoad(() => (selected ? measure<CampaignEffect>('campaign-effect', {}, selected) : Promise.resolve(null)), [selected]);
  const choose = (id: string) => {
    setChosen(id);
    window.history.replaceState(null, '', `?campaign=${encodeURIComponent(id)}`);
  };

  return (
    <main className="page">
      <h1>{t('campaigns.heading')}</h1>
      <LoadState busy={campaigns.busy} error={campaigns.error} />
      {campaigns.data && withControl.length === 0 && <p className="card">{t('campaigns.none')}</p>}
      <div className="split">
        <nav className="card list" aria-label={t('campaigns.heading')}>
          {withControl.map((c) => (
            <button key={c.campaign_id} type="button" className={c.campaign_id === selected ? 'item selected' : 'item'} aria-pressed={c.campaign_id === selected} onClick={() => choose(c.campaign_id)}>
              <strong>{c.name}</strong>
              <span className="hint">
                {c.starts_on ? `${date(locale, c.starts_on)} – ${date(locale, c.ends_on)}` : t('campaigns.imported')} · {number(locale, c.treated)} / {number(locale, c.control)}
              </span>
            </button>
          ))}
        </nav>
        <section className="detail">
          <LoadState busy={effect.busy} error={effect.error} />
          {effect.data && <CampaignDetail key={effect.data.campaign.id} effect={effect.data} />}
        </section>
      </div>
    </main>
  );
}

function CampaignDetail({ effect }: { effect: CampaignEffect }) {
  const t = useT();
  const { locale } = useContext(LocaleContext);
  const arms = effect.arms.filter((a) => !a.control);
  const [arm, setArm] = useState(arms[0]!.arm);
  const rows = effect.comparisons.filter((c) => c.arm === arm);
  const economics = effect.economics.find((e) => e.arm === arm);
  const after = effect.after_window.find((a) => a.arm === arm);
  const revenue = rows.find((r) => r.metric === 'revenue_per_customer');
  const revenueDiff = revenue?.cuped?.difference ?? revenue?.difference;
  const roi = economics?.roi_margin_pct ?? economics?.roi_revenue_pct ?? null;
  const lift = (r: (typeof rows)[number]) => r.cuped?.relative ?? r.relative;
  // Patron's own campaigns name their arms treatment and control; imported files keep their own names.
  const armName = (name: string) => (name === 'treatment' ? t('campaigns.treatment') : name === 'control' ? t('campaigns.control') : name);
  const chartRows = rows.filter((r) => Number.isFinite(lift(r).ci_low)).map((r) => ({ label: t(`metric.${r.metric}` as MessageKey), estimate: lift(r).estimate, low: lift(r).ci_low, high: lift(r).ci_high }));

  return (
    <>
      <div className="card">
        <h2 data-testid="campaign-name">{effect.campaign.name}</h2>
        {arms.length > 1 && (
          <label>
            {t('campaigns.arm')}
            <select value={arm} onChange={(e) => setArm(e.target.value)} data-testid="arm-select">
              {arms.map((a) => <option key={a.arm} value={a.arm}>{armName(a.arm)}</option>)}
            </select>
          </label>
        )}
        <p data-testid="verdict">{effect.verdict[arm]?.[locale]}</p>
        {after?.pulled_forward && <p className="badge warn" data-testid="pulled-forward">{t('campaigns.pulledForward')}</p>}
      </div>
      <div className="tiles">
        <div className="tile">
          <span className="tile-label">{t('campaigns.revenuePerCustomer')}</span>
          <strong data-testid="revenue-difference">{money(locale, revenueDiff?.estimate, 2)}</strong>
          <span className="hint">{t('campaigns.ci')} {money(locale, revenueDiff?.ci_low, 2)} … {money(locale, revenueDiff?.ci_high, 2)}</span>
        </div>
        <div className="tile">
          <span className="tile-label">{t('campaigns.incrementalMargin')}</span>
          <strong>{money(locale, economics?.incremental_margin_kopecks?.estimate ?? economics?.incremental_revenue_kopecks.estimate)}</strong>
          <span className="hint">{t('campaigns.cost')} {money(locale, economics?.cost.total_kopecks)}</span>
        </div>
        <div className="tile">
          <span className="tile-label">ROI</span>
          <strong data-testid="roi">{roi ? percent(locale, roi.estimate / 100, 0) : '—'}</strong>
          <span className="hint">{roi ? `${t('campaigns.ci')} ${percent(locale, roi.ci_low / 100, 0)} … ${percent(locale, roi.ci_high / 100, 0)}` : t('campaigns.noCost')}</span>
        </div>
      </div>
      <div className="card">
        <h3>{t('campaigns.liftChart')}</h3>
        <Chart option={intervalOption(chartRows, (x) => percent(locale, x, 0, true))} height={Math.max(160, chartRows.length * 48 + 40)} label={t('campaigns.liftChart')} />
        <table className="data" data-testid="comparisons">
          <thead>
            <tr><th>{t('campaigns.metric')}</th><th>{armName(arm)}</th><th>{armName(effect.campaign.control_arm)}</th><th>{t('campaigns.lift')}</th><th>{t('campaigns.ci')}</th><th>p</th></tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const value = (x: number) => (r.unit === 'kopecks' ? money(locale, x, 2) : r.unit === 'share' ? percent(locale, x, 2) : number(locale, x, 3));
              const l = lift(r);
              const p = r.cuped?.difference.p_value ?? r.difference.p_value;
              return (
                <tr key={r.metric} className={r.significant ? 'significant' : ''}>
                  <td>{t(`metric.${r.metric}` as MessageKey)}{r.cuped ? ' (CUPED)' : ''}</td>
                  <td>{value(r.treatment)}</td>
                  <td>{value(r.control)}</td>
                  <td>{percent(locale, l.estimate, 1, true)}</td>
                  <td>{percent(locale, l.ci_low, 1, true)} … {percent(locale, l.ci_high, 1, true)}</td>
                  <td>{p < 0.001 ? `< ${number(locale, 0.001, 3)}` : number(locale, p, 3)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {after && <p>{after.meaning[locale]}</p>}
        <details>
          <summary>{t('campaigns.methods')}</summary>
          <p className="hint">{effect.methods[locale]}</p>
        </details>
      </div>
    </>
  );
}
