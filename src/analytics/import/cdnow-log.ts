import type { RejectedRow } from './basket-list.ts';

export interface CdnowPurchase {
  line: number;
  customer: string;
  /** YYYY-MM-DD */
  date: string;
  quantity: number;
  amount_cents: number;
}

/**
 * The CDNOW event log (Fader, Hardie & Lee): whitespace-separated columns customer id, date
 * (YYYYMMDD), number of CDs and dollar value; the sample file has the sample id as a second
 * column. A first line of column names is skipped; every other line is a purchase or a rejection.
 */
export function parseCdnowLog(text: string): { purchases: CdnowPurchase[]; rejected: RejectedRow[] } {
  const purchases: CdnowPurchase[] = [];
  const rejected: RejectedRow[] = [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    const line = i + 1;
    const tokens = raw.trim().split(/\s+/);
    if (line === 1 && !/^\d+$/.test(tokens[0] ?? '')) return;
    if (tokens.length !== 4 && tokens.length !== 5) return void rejected.push({ line, reason: `expected 4 or 5 columns, found ${tokens.length}`, text: raw });
    const [customer, date, qty, amount] = tokens.length === 4 ? tokens : [tokens[0]!, tokens[2]!, tokens[3]!, tokens[4]!];
    const m = /^(\d{4})(\d{2})(\d{2})$/.exec(date!);
    const iso = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
    if (!m || Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) || new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso) return void rejected.push({ line, reason: `date is not YYYYMMDD: ${date}`, text: raw });
    const quantity = Number(qty);
    const dollars = Number(amount);
    if (!Number.isInteger(quantity) || quantity < 0) return void rejected.push({ line, reason: `number of CDs is not a whole number: ${qty}`, text: raw });
    if (!Number.isFinite(dollars) || dollars < 0) return void rejected.push({ line, reason: `dollar value is not a number: ${amount}`, text: raw });
    purchases.push({ line, customer: String(Number(customer)), date: iso, quantity, amount_cents: Math.round(dollars * 100) });
  });
  return { purchases, rejected };
}
