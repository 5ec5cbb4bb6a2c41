import { useContext, useMemo, useState, type FormEvent } from 'react';
import { Chart, type ChartOption } from '../components/lazy-chart.tsx';
import { LoadState, useLoad } from '../components/async-state.tsx';
import { compactMoney, money, percent } from '../format.ts';
import { LocaleContext, useT } from '../i18n.ts';
import { measure, type Mechanics } from '../measurement.ts';

interface Form { discount: string; bonus: string; tiers: string; participants: string; redemption: string; expiry: string }

/** The mechanics simulator: discount or bonus, on the chain's own receipts. */
export function SimulatorPage() {
  const t = useT();
  const { locale } = useContext(LocaleContext);
  const [form, setForm] = useState<Form>({ discount: '5', bonus: '5', tiers: '0:3, 30000:5, 100000:7', participants: 'members', redemption: '', expiry: '12' });
  const [params, setParams] = useState<Record<string, string>>({});
  const [invalid, setInvalid] = useState<string | null>(null);
  const result = useLoad(() => measure<Mechanics>('mechanics', params), [JSON.stringify(params)]);
  const set = (key: keyof Form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The form speaks percents and rubles; the API basis points and kopecks.
    const bp = (s: string) => Math.round(Number(s.replace(',', '.')) * 100);
    const tiers = form.tiers.split(',').map((pair) => pair.trim().split(':').map((x) => x.trim().replace(',', '.')));
    if (![form.discount, form.bonus].every((s) => Number.isFinite(Number(s.replace(',', '.'))) && Number(s.replace(',', '.')) >= 0 && Number(s.replace(',', '.')) <= 100)
      || tiers.some((p) => p.length !== 2 || !p.every((x) => x !== '' && Number.isFinite(Number(x))))) {
      setInvalid(t('simulator.invalid'));
      return;
    }
    setInvalid(null);
    setParams({
      discount_bp: String(bp(form.discount)), bonus_bp: String(bp(form.bonus)), participants: form.participants, expiry_months: form.expiry,
      tiers: tiers.map(([rub, pct]) => `${Math.round(Number(rub) * 100)}:${Math.round(Number(pct) * 100)}`).join(','),
      ...(form.redemption ? { redemption_rate: String(Number(form.redemption.replace(',', '.')) / 100) } : {}),
    });
  };

  const m = result.data;
  const option = useMemo<ChartOption | null>(() => {
    if (!m) return null;
    const months = m.results[0]!.months.map((x) => x.month);
    return {
      grid: { left: 72, right: 16, top: 64, bottom: 24, outerBoundsMode: 'none' },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => money(locale, v) },
      legend: { top: 0, type: 'scroll' },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => compactMoney(locale, v) } },
      series: [
        ...m.results.map((r) => ({ name: `${r.label}: ${t('simulator.cash')}`, type: 'bar', data: r.months.map((x) => x.cash_out) })),
        { name: `${m.results[1]!.label}: ${t('simulator.liability')}`, type: 'line', data: m.results[1]!.months.map((x) => x.liability_end) },
      ],
    };
  }, [m, locale, t]);

  return (
    <main className="page">
      <h1>{t('simulator.heading')}</h1>
      <form className="card form-grid" onSubmit={submit} aria-label={t('simulator.heading')}>
        <label>{t('simulator.discount')}<input inputMode="decimal" value={form.discount} onChange={set('discount')} /></label>
        <label>{t('simulator.bonus')}<input inputMode="decimal" value={form.bonus} onChange={set('bonus')} /></label>
        <label>{t('simulator.tiers')}<input value={form.tiers} onChange={set('tiers')} /></label>
        <label>{t('simulator.participants')}
          <select value={form.participants} onChange={set('participants')}>
            <option value="members">{t('simulator.members')}</option>
            <option value="identified">{t('simulator.identified')}</option>
          </select>
        </label>
        <label>{t('simulator.redemption')}<input inputMode="decimal" placeholder={t('simulator.fromData')} value={form.redemption} onChange={set('redemption')} /></label>
        <label>{t('simulator.expiry')}<input inputMode="numeric" value={form.expiry} onChange={set('expiry')} /></label>
        <button type="submit">{t('simulator.run')}</button>
        {invalid && <p className="error" role="alert">{invalid}</p>}
      </form>
      <LoadState busy={result.busy} error={result.error} />
      {m && (
        <>
          <table className="data card" data-testid="mechanics">
            <thead>
              <tr><th>{t('simulator.mechanic')}</th><th>{t('simulator.cost')}</th><th>{t('simulator.costShare')}</th><th>{t('simulator.cashOut')}</th><th>{t('simulator.liabilityEnd')}</th><th>{t('simulator.breakEven')}</th></tr>
            </thead>
            <tbody>
              {m.results.map((r) => (
                <tr key={r.label}>
                  <td>{r.label}</td><td>{money(locale, r.cost)}</td><td>{percent(locale, r.cost_share, 2)}</td><td>{money(locale, r.cash_out)}</td>
                  <td>{money(locale, r.liability_end)}</td><td>{r.break_even_lift === null ? '—' : percent(locale, r.break_even_lift, 1, true)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="card">
            <p className="hint">{t('simulator.redemptionUsed')}: {percent(locale, m.redemption.rate, 1)} ({m.redemption.basis}); {m.from} … {m.to}</p>
            {option && <Chart option={option} height={360} label={t('simulator.chart')} />}
            <p>{m.meaning[locale]}</p>
          </div>
        </>
      )}
    </main>
  );
}
