import { useContext, useMemo, useState } from 'react';
import { api, type Store } from '../api.ts';
import { LoadState, useLoad } from '../components/async-state.tsx';
import { money, number } from '../format.ts';
import { LocaleContext, useT } from '../i18n.ts';
import { Link } from '../router.tsx';

interface Product { sku: string; name: string; category_code: string | null; price_kopecks: number | null; non_promotable: boolean }
interface Figures {
  total_kopecks: number; points_earned: number; max_redeemable_points: number; points_redeemed: number; redeemed_value_kopecks: number; amount_to_pay_kopecks: number;
  tier: { name: string; earn_rate_bp: number } | null;
  lines: { line_no: number; name: string; qty: number; amount_kopecks: number; non_promotable: boolean; points_earned: number; points_redeemed: number }[];
  explanation: { rule: string; ru: string; en: string }[];
}
interface Balance { available: number; pending: number; held: number; spendable: number }
interface Confirmed { receipt: Figures & { id: string; number: string }; balance: Balance | null }
interface Returned { return: { amount_kopecks: number; points_clawed_back: number; points_refunded: number; refund_to_pay_kopecks: number }; balance: Balance | null }

/** A cashier's screen over the real protocol: build a receipt, calculate, confirm, return. */
export function PosPage() {
  const t = useT();
  const { locale } = useContext(LocaleContext);
  const stores = useLoad(() => api<{ stores: Store[] }>('/v1/stores'), []);
  const products = useLoad(() => api<{ products: Product[] }>('/v1/catalog/products'), []);
  const [store, setStore] = useState('');
  const [card, setCard] = useState('');
  const [filter, setFilter] = useState('');
  const [lines, setLines] = useState<{ sku: string; qty: number }[]>([]);
  const [redeem, setRedeem] = useState<'none' | 'max'>('none');
  const [calc, setCalc] = useState<Figures | null>(null);
  const [confirmed, setConfirmed] = useState<Confirmed | null>(null);
  const [returned, setReturned] = useState<Returned | null>(null);
  const [error, setError] = useState<string | null>(null);
  const storeCode = store || stores.data?.stores[0]?.code || '';
  const bySku = useMemo(() => new Map((products.data?.products ?? []).map((p) => [p.sku, p])), [products.data]);
  const shown = (products.data?.products ?? []).filter((p) => p.price_kopecks !== null && (!filter || `${p.name} ${p.sku}`.toLowerCase().includes(filter.toLowerCase()))).slice(0, 40);

  const body = () => ({
    store: storeCode,
    terminal: 'WEB-POS',
    ...(card.trim() ? { customer: { card: card.trim() } } : {}),
    lines: lines.map((l) => {
      const p = bySku.get(l.sku)!;
      return { sku: l.sku, qty: l.qty, price_kopecks: p.price_kopecks!, amount_kopecks: Math.round(p.price_kopecks! * l.qty) };
    }),
    ...(redeem === 'max' ? { redeem_points: 'max' } : {}),
  });
  const fail = (e: Error) => setError(e.message);
  const add = (sku: string) => {
    setLines((ls) => (ls.some((l) => l.sku === sku) ? ls.map((l) => (l.sku === sku ? { ...l, qty: l.qty + 1 } : l)) : [...ls, { sku, qty: 1 }]));
    setCalc(null);
  };
  const calculate = () => { setError(null); api<Figures>('/v1/receipts/calculate', { method: 'POST', body: body() }).then(setCalc, fail); };
  const confirm = () => {
    setError(null);
    api<Confirmed>('/v1/receipts', { method: 'POST', idempotent: true, body: { ...body(), number: `W${Date.now()}` } }).then((r) => { setConfirmed(r); setReturned(null); setCalc(null); setLines([]); }, fail);
  };
  const returnFirstLine = () => {
    if (!confirmed) return;
    setError(null);
    api<Returned>(`/v1/receipts/${confirmed.receipt.id}/returns`, { method: 'POST', idempotent: true, body: { lines: [{ line_no: 1, qty: 1 }] } }).then(setReturned, fail);
  };

  return (
    <main className="page">
      <h1>{t('pos.heading')}</h1>
      <LoadState busy={stores.busy || products.busy} error={stores.error ?? products.error} />
      <div className="grid-2">
        <section className="card">
          <div className="form-grid">
            <label>{t('pos.store')}<select value={storeCode} onChange={(e) => setStore(e.target.value)} data-testid="pos-store">{stores.data?.stores.map((s) => <option key={s.id} value={s.code}>{s.code} — {s.name}</option>)}</select></label>
            <label>{t('pos.card')}<input value={card} onChange={(e) => { setCard(e.target.value); setCalc(null); }} placeholder={t('pos.anonymous')} data-testid="pos-card" /></label>
          </div>
          <label>{t('pos.catalog')}<input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="pos-filter" /></label>
          <ul className="catalog">
            {shown.map((p) => (
              <li key={p.sku}><button type="button" className="secondary" onClick={() => add(p.sku)} data-testid={`pos-add-${p.sku}`}>+ {p.name} · {money(locale, p.price_kopecks, 2)}{p.non_promotable ? ' ⊘' : ''}</button></li>
            ))}
          </ul>
          {products.data && shown.length === 0 && <p className="hint">{t('pos.noProducts')}</p>}
        </section>
        <section className="card">
          <h2>{t('pos.receipt')}</h2>
          {lines.length === 0 && <p className="hint">{t('pos.empty')}</p>}
          <table className="data" data-testid="pos-lines">
            <tbody>
              {lines.map((l, i) => {
                const p = bySku.get(l.sku)!;
                const c = calc?.lines[i];
                return (
                  <tr key={l.sku}>
                    <td>{p.name}</td>
                    <td><input type="number" min={0.001} step="any" value={l.qty} aria-label={t('pos.qty')} onChange={(e) => { setLines(lines.map((x) => (x.sku === l.sku ? { ...x, qty: Number(e.target.value) } : x))); setCalc(null); }} /></td>
                    <td>{money(locale, Math.round(p.price_kopecks! * l.qty), 2)}</td>
                    <td>{c ? `+${c.points_earned}` : ''}</td>
                    <td><button type="button" className="link" onClick={() => { setLines(lines.filter((x) => x.sku !== l.sku)); setCalc(null); }} aria-label={t('pos.remove')}>×</button></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <label className="check"><input type="checkbox" checked={redeem === 'max'} onChange={(e) => { setRedeem(e.target.checked ? 'max' : 'none'); setCalc(null); }} />{t('pos.redeemMax')}</label>
          <div className="toolbar">
            {/* Both wait for the store as well as the lines: sent before the stores arrived, the receipt had none. */}
            <button type="button" onClick={calculate} disabled={lines.length === 0 || !storeCode}>{t('pos.calculate')}</button>
            <button type="button" onClick={confirm} disabled={lines.length === 0 || !storeCode} data-testid="pos-confirm">{t('pos.confirm')}</button>
          </div>
          {error && <p className="error" role="alert">{error}</p>}
          {calc && (
            <div data-testid="pos-calculation">
              <dl>
                <dt>{t('pos.total')}</dt><dd>{money(locale, calc.total_kopecks, 2)}</dd>
                <dt>{t('pos.earn')}</dt><dd data-testid="pos-points-earned">{number(locale, calc.points_earned)}</dd>
                <dt>{t('pos.maxRedeem')}</dt><dd>{number(locale, calc.max_redeemable_points)}</dd>
                <dt>{t('pos.toPay')}</dt><dd>{money(locale, calc.amount_to_pay_kopecks, 2)}</dd>
              </dl>
              <ul className="hint">{calc.explanation.map((x, i) => <li key={i}>{x[locale]}</li>)}</ul>
            </div>
          )}
          {confirmed && (
            <div className="confirmed" data-testid="pos-confirmed">
              <p className="ok" role="status">{t('pos.confirmed')} {confirmed.receipt.id}: +{confirmed.receipt.points_earned}, −{confirmed.receipt.points_redeemed}, {t('pos.toPay')} {money(locale, confirmed.receipt.amount_to_pay_kopecks, 2)}</p>
              {confirmed.balance && <p>{t('pos.balance')}: {t('customer.available')} {number(locale, confirmed.balance.available)}, {t('customer.pending')} <span data-testid="pos-balance-pending">{number(locale, confirmed.balance.pending)}</span></p>}
              <div className="toolbar">
                <button type="button" className="secondary" onClick={returnFirstLine} data-testid="pos-return">{t('pos.returnOne')}</button>
                {card.trim() && <Link to={`/customers?ref=${encodeURIComponent(card.trim())}`}>{t('pos.open360')}</Link>}
              </div>
              {returned && <p data-testid="pos-returned">{t('pos.returned')} {money(locale, returned.return.amount_kopecks, 2)}: −{returned.return.points_clawed_back} {t('customer.points')}, +{returned.return.points_refunded} {t('pos.refunded')}</p>}
            </div>
          )}
        </section>
      </div>
    </main>
  );
}
