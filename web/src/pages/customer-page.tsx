import { useContext, useState, type FormEvent, type ReactNode } from 'react';
import { api, type Me } from '../api.ts';
import { LoadState, useLoad } from '../components/async-state.tsx';
import { date, money, number, percent } from '../format.ts';
import { LocaleContext, useT, type MessageKey } from '../i18n.ts';
import { navigate } from '../router.tsx';

interface Customer {
  id: string; phone: string | null; external_id: string | null; email: string | null; name: string | null; birth_date: string | null; gender: string | null; city: string | null;
  consents: { sms: boolean; email: boolean; push: boolean }; tier_code: string; tier_since: string; registered_at: string; last_purchase_at: string | null; merged_into: string | null;
  cards: { number: string; status: string }[];
}
interface Balance { available: number; pending: number; held: number; spendable: number; debt: number; expires_by_inactivity_at: string | null; lots: { id: string; amount: number; remaining: number; available_at: string; activated: boolean; expires_at: string | null }[] }
interface History { entries: { id: string; reason: string; account: string; delta: number; reference: string | null; comment: string | null; created_at: string }[] }
interface Receipts { receipts: { id: string; purchased_at: string; store_code: string; status: string; total_kopecks: number; points_earned: number; points_redeemed: number; lines: { line_no: number; name: string; qty: number; amount_kopecks: number; returned_qty: number }[] }[] }
interface Predictions {
  scores: { p_alive: number; expected_purchases: number; clv_kopecks: number; churn_score: number | null; next_purchase_date: string | null; as_of: string } | null;
  recommendations: Record<string, { rank: number; sku: string; name: string | null }[]>;
  segments: { rfm: { segment: string; recency_days: number; frequency: number; monetary_kopecks: number } | null; campaigns: { code: string; name: string; group_name: string }[] };
}

/** Customer 360: find a member; everything Patron knows of them; the actions a role allows. */
export function CustomerPage({ me }: { me: Me }) {
  const t = useT();
  const ref = new URLSearchParams(window.location.search).get('ref');
  const [query, setQuery] = useState(ref ?? '');
  const [searched, setSearched] = useState<string | null>(null);
  const results = useLoad(() => (searched ? api<{ customers: Customer[] }>(`/v1/customers?q=${encodeURIComponent(searched)}`) : Promise.resolve(null)), [searched]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSearched(query.trim());
  };
  const open = (id: string) => {
    setSearched(null);
    navigate(`/customers?ref=${encodeURIComponent(id)}`);
  };
  return (
    <main className="page">
      <h1>{t('customer.heading')}</h1>
      <form className="card toolbar" onSubmit={submit} role="search">
        <label className="grow">
          {t('customer.search')}
          <input value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('customer.searchHint')} data-testid="customer-search" minLength={2} required />
        </label>
        <button type="submit">{t('customer.find')}</button>
      </form>
      {searched && <LoadState busy={results.busy} error={results.error} />}
      {searched && results.data && (
        <section className="card">
          {results.data.customers.length === 0 ? <p>{t('customer.notFound')}</p> : (
            <ul className="report-list" data-testid="customer-results">
              {results.data.customers.map((c) => (
                <li key={c.id}><button type="button" className="link" onClick={() => open(c.id)}>{c.name ?? c.id}</button> <span className="hint">{c.phone} · {c.cards.map((k) => k.number).join(', ')} · {c.tier_code}</span></li>
              ))}
            </ul>
          )}
        </section>
      )}
      {ref && !searched && <Customer360 key={ref} refValue={ref} me={me} />}
    </main>
  );
}

function Customer360({ refValue, me }: { refValue: string; me: Me }) {
  const t = useT();
  const { locale } = useContext(LocaleContext);
  const [version, setVersion] = useState(0);
  // Kept here: an action reloads the customer, and the actions' panel is drawn anew with it.
  const [actionMessage, setActionMessage] = useState<ActionMessage | null>(null);
  const enc = encodeURIComponent(refValue);
  const customer = useLoad(() => api<{ customer: Customer }>(`/v1/customers/${enc}`), [refValue, version]);
  const balance = useLoad(() => api<Balance>(`/v1/customers/${enc}/balance`), [refValue, version]);
  const history = useLoad(() => api<History>(`/v1/customers/${enc}/history?limit=30`), [refValue, version]);
  const receipts = useLoad(() => api<Receipts>(`/v1/customers/${enc}/receipts?limit=20`), [refValue, version]);
  const predictions = useLoad(() => api<Predictions>(`/v1/customers/${enc}/predictions`), [refValue, version]);
  const c = customer.data?.customer;
  const canAct = me.user.role === 'admin' || me.user.role === 'support';
  return (
    <>
      <LoadState busy={customer.busy && !c} error={customer.error} />
      {c && (
        <div className="grid-2">
          <section className="card">
            <h2 data-testid="customer-name">{c.name ?? c.id}</h2>
            <dl>
              <dt>ID</dt><dd>{c.id}</dd>
              <dt>{t('customer.phone')}</dt><dd>{c.phone ?? '—'}</dd>
              <dt>E-mail</dt><dd>{c.email ?? '—'}</dd>
              <dt>{t('customer.birthDate')}</dt><dd>{date(locale, c.birth_date)}</dd>
              <dt>{t('customer.city')}</dt><dd>{c.city ?? '—'}</dd>
              <dt>{t('customer.registered')}</dt><dd>{date(locale, c.registered_at)}</dd>
              <dt>{t('customer.tier')}</dt><dd data-testid="customer-tier">{c.tier_code}</dd>
              <dt>{t('customer.consents')}</dt><dd>{(['sms', 'email', 'push'] as const).filter((k) => c.consents[k]).join(', ') || '—'}</dd>
              <dt>{t('customer.cards')}</dt><dd data-testid="customer-cards">{c.cards.map((k) => `${k.number} (${t(`card.${k.status}` as MessageKey)})`).join(', ')}</dd>
            </dl>
          </section>
          <section className="card">
            <h2>{t('customer.balance')}</h2>
            <LoadState busy={balance.busy && !balance.data} error={balance.error} />
            {balance.data && (
              <>
                <div className="tiles small">
                  <Tile label={t('customer.available')} testId="balance-available">{number(locale, balance.data.available)}</Tile>
                  <Tile label={t('customer.pending')} testId="balance-pending">{number(locale, balance.data.pending)}</Tile>
                  <Tile label={t('customer.held')}>{number(locale, balance.data.held)}</Tile>
                  <Tile label={t('customer.spendable')}>{number(locale, balance.data.spendable)}</Tile>
                </div>
                <table className="data">
                  <thead><tr><th>{t('customer.lot')}</th><th>{t('customer.remaining')}</th><th>{t('customer.availableFrom')}</th><th>{t('customer.expires')}</th></tr></thead>
                  <tbody>{balance.data.lots.filter((l) => l.remaining > 0).slice(0, 10).map((l) => <tr key={l.id}><td>{number(locale, l.amount)}</td><td>{number(locale, l.remaining)}</td><td>{date(locale, l.available_at)}</td><td>{date(locale, l.expires_at)}</td></tr>)}</tbody>
                </table>
              </>
            )}
          </section>
          <section className="card">
            <h2>{t('customer.models')}</h2>
            {predictions.error && <LoadState busy={false} error={predictions.error} />}
            {predictions.data && (
              <>
                <dl>
                  <dt>{t('customer.segment')}</dt><dd data-testid="customer-segment">{predictions.data.segments.rfm?.segment ?? '—'}</dd>
                  <dt>CLV</dt><dd>{money(locale, predictions.data.scores?.clv_kopecks)}</dd>
                  <dt>P(alive)</dt><dd>{percent(locale, predictions.data.scores?.p_alive)}</dd>
                  <dt>{t('customer.churn')}</dt><dd>{percent(locale, predictions.data.scores?.churn_score)}</dd>
                  <dt>{t('customer.nextPurchase')}</dt><dd>{date(locale, predictions.data.scores?.next_purchase_date)}</dd>
                  <dt>{t('nav.campaigns')}</dt><dd>{predictions.data.segments.campaigns.map((k) => `${k.name} (${k.group_name})`).join('; ') || '—'}</dd>
                </dl>
                {!predictions.data.scores && <p className="hint">{t('customer.noScores')}</p>}
                {Object.entries(predictions.data.recommendations).map(([method, items]) => (
                  <p key={method} className="hint"><strong>{method}</strong>: {items.slice(0, 5).map((i) => i.name ?? i.sku).join(', ')}</p>
                ))}
              </>
            )}
          </section>
          {canAct && <Actions customer={c} message={actionMessage} onMessage={setActionMessage} onDone={() => setVersion((v) => v + 1)} />}
          <section className="card wide">
            <h2>{t('customer.receipts')}</h2>
            <LoadState busy={receipts.busy && !receipts.data} error={receipts.error} />
            {receipts.data?.receipts.length === 0 && <p>{t('customer.noReceipts')}</p>}
            {receipts.data?.receipts.map((r) => (
              <details key={r.id} className="receipt" data-testid="customer-receipt">
                <summary>{date(locale, r.purchased_at)} · {r.store_code} · {money(locale, r.total_kopecks, 2)} · +{r.points_earned} / −{r.points_redeemed} {r.status !== 'confirmed' ? `· ${r.status}` : ''}</summary>
                <table className="data">
                  <tbody>{r.lines.map((l) => <tr key={l.line_no}><td>{l.name}</td><td>{number(locale, l.qty, 3)}</td><td>{money(locale, l.amount_kopecks, 2)}</td><td>{l.returned_qty ? `${t('customer.returned')} ${number(locale, l.returned_qty, 3)}` : ''}</td></tr>)}</tbody>
                </table>
              </details>
            ))}
          </section>
          <section className="card wide">
            <h2>{t('customer.ledger')}</h2>
            <table className="data" data-testid="customer-ledger">
              <thead><tr><th>{t('customer.when')}</th><th>{t('customer.reason')}</th><th>{t('customer.account')}</th><th>{t('customer.points')}</th><th>{t('customer.comment')}</th></tr></thead>
              <tbody>{history.data?.entries.map((e) => <tr key={`${e.id}${e.account}`}><td>{date(locale, e.created_at)}</td><td>{e.reason}</td><td>{e.account}</td><td>{e.delta > 0 ? '+' : ''}{number(locale, e.delta)}</td><td>{e.comment ?? e.reference ?? ''}</td></tr>)}</tbody>
            </table>
          </section>
        </div>
      )}
    </>
  );
}

function Tile({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return <div className="tile"><span className="tile-label">{label}</span><strong data-testid={testId}>{children}</strong></div>;
}

type ActionMessage = { ok: boolean; text: string };

/** Support's actions, each confirmed by the server's answer; the page reloads what changed. */
function Actions({ customer, message, onMessage: setMessage, onDone }: { customer: Customer; message: ActionMessage | null; onMessage: (m: ActionMessage) => void; onDone: () => void }) {
  const t = useT();
  const [amount, setAmount] = useState('');
  const [comment, setComment] = useState('');
  const active = customer.cards.filter((k) => k.status === 'active');
  const [card, setCard] = useState(active[0]?.number ?? '');
  const [newCard, setNewCard] = useState('');
  const [mergeFrom, setMergeFrom] = useState('');
  const run = (action: () => Promise<unknown>, done: string) => (e: FormEvent) => {
    e.preventDefault();
    action().then(() => { setMessage({ ok: true, text: done }); onDone(); }, (err: Error) => setMessage({ ok: false, text: err.message }));
  };
  const id = encodeURIComponent(customer.id);
  return (
    <section className="card">
      <h2>{t('customer.actions')}</h2>
      <form onSubmit={run(() => api(`/v1/customers/${id}/adjustments`, { method: 'POST', idempotent: true, body: { amount: Number(amount), comment } }), t('customer.adjusted'))} className="stack" aria-label={t('customer.adjust')}>
        <strong>{t('customer.adjust')}</strong>
        <label>{t('customer.points')}<input inputMode="numeric" pattern="-?[0-9]+" required value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="adjust-amount" /></label>
        <label>{t('customer.comment')}<input required minLength={3} value={comment} onChange={(e) => setComment(e.target.value)} data-testid="adjust-comment" /></label>
        <button type="submit">{t('customer.adjust')}</button>
      </form>
      {active.length > 0 && (
        <form className="stack" onSubmit={(e) => e.preventDefault()} aria-label={t('customer.cards')}>
          <strong>{t('customer.cards')}</strong>
          <label>{t('customer.card')}<select value={card} onChange={(e) => setCard(e.target.value)}>{active.map((k) => <option key={k.number}>{k.number}</option>)}</select></label>
          <button type="button" className="secondary" onClick={(e) => run(() => api(`/v1/cards/${encodeURIComponent(card)}/block`, { method: 'POST', idempotent: true, body: { reason: 'blocked from the web app' } }), t('customer.blocked'))(e)}>{t('customer.block')}</button>
          <label>{t('customer.newCard')}<input pattern="[0-9A-Za-z]{4,32}" value={newCard} onChange={(e) => setNewCard(e.target.value)} /></label>
          <button type="button" className="secondary" disabled={!newCard} onClick={(e) => run(() => api(`/v1/cards/${encodeURIComponent(card)}/replace`, { method: 'POST', idempotent: true, body: { new_number: newCard } }), t('customer.replaced'))(e)}>{t('customer.replace')}</button>
        </form>
      )}
      <form className="stack" onSubmit={run(() => api(`/v1/customers/${id}/merge`, { method: 'POST', idempotent: true, body: { from: mergeFrom } }), t('customer.merged'))} aria-label={t('customer.merge')}>
        <strong>{t('customer.merge')}</strong>
        <label>{t('customer.mergeFrom')}<input required value={mergeFrom} onChange={(e) => setMergeFrom(e.target.value)} /></label>
        <button type="submit" className="secondary">{t('customer.merge')}</button>
      </form>
      {message && <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
    </section>
  );
}
