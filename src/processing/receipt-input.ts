/** A receipt as the POS or e-shop sends it (validated by the API's schema before it gets here). */
export interface ReceiptLineInput {
  sku: string;
  /** Units, or kilograms for weighed goods: up to three decimals. */
  qty: number;
  price_kopecks: number;
  /** What the line costs the shopper before points, after the POS's own discounts. */
  amount_kopecks: number;
  discount_kopecks?: number | undefined;
}

export interface CustomerRefInput {
  card?: string | undefined;
  phone?: string | undefined;
  id?: string | undefined;
}

export interface ReceiptInput {
  store?: string | undefined;
  terminal: string;
  number?: string | undefined;
  purchased_at?: string | undefined;
  customer?: CustomerRefInput | null | undefined;
  lines: ReceiptLineInput[];
  total_kopecks?: number | undefined;
  redeem_points?: number | 'max' | undefined;
  hold_id?: string | undefined;
  /** A token of the bank card that paid: links receipts of shoppers who are not (yet) members. */
  payment_token?: string | undefined;
}

/** Who is calling and when: the store an API key is limited to (null: the whole chain). */
export interface ProcessingContext {
  now: Date;
  storeScope: string | null;
}

export function customerRef(input: CustomerRefInput | null | undefined): string | null {
  if (!input) return null;
  return input.id ?? input.card ?? input.phone ?? null;
}

export function toMilli(qty: number): number {
  return Math.round(qty * 1000);
}

export function fromMilli(qtyMilli: number): number {
  return qtyMilli / 1000;
}
