import type { OutboxEvent } from '../../db/index.ts';
import type { TableName, TableRow } from '../table-columns.ts';

/** What one batch of outbox events becomes on the read side. */
export interface EventRows {
  rows: Map<TableName, TableRow[]>;
  /** Customers whose snapshot must be (re)read from PostgreSQL. */
  customers: Set<string>;
  /** Events by topic, read and applied or knowingly not stored (holds, settings). */
  topics: Map<string, number>;
}

type Payload = Record<string, unknown>;
type Line = { line_no: number; sku: string; qty_milli: number; amount_kopecks: number; price_kopecks?: number; discount_kopecks?: number; points_earned?: number; points_redeemed?: number };


function add(out: EventRows, table: TableName, row: TableRow): void {
  const list = out.rows.get(table);
  if (list) list.push(row);
  else out.rows.set(table, [row]);
}

const str = (v: unknown) => (v === undefined || v === null ? null : String(v));

/**
 * Turns events into rows of the read side's tables. Pure: the same events always give the same
 * rows, so a batch replayed after a crash (its transaction never committed) lands as before.
 */
export function rowsFromEvents(events: readonly OutboxEvent[]): EventRows {
  const out: EventRows = { rows: new Map(), customers: new Set(), topics: new Map() };
  for (const event of events) {
    out.topics.set(event.topic, (out.topics.get(event.topic) ?? 0) + 1);
    const p = event.payload as Payload;
    switch (event.topic) {
      case 'receipt.confirmed': {
        add(out, 'receipts', {
          receipt_id: str(p['receipt_id']), store_id: str(p['store_id']), customer_id: str(p['customer_id']), ts: str(p['purchased_at']),
          total_kopecks: p['total_kopecks'] as number, discount_kopecks: (p['pos_discount_kopecks'] as number | undefined) ?? 0,
          points_earned: p['points_earned'] as number, points_redeemed: p['points_redeemed'] as number, source: 'patron',
          payment_token: str(p['payment_token']), card_number: str(p['card_number']),
        });
        const lines = (p['lines'] as Line[]) ?? [];
        const firstLineNo = lines.reduce((m, l) => Math.min(m, l.line_no), Infinity);
        for (const l of lines) {
          const qty = l.qty_milli / 1000;
          add(out, 'receipt_lines', {
            receipt_id: str(p['receipt_id']), line_no: l.line_no, sku: l.sku, qty,
            // Events written before lines carried their price: the price is what the line cost per unit.
            price_kopecks: l.price_kopecks ?? Math.round(l.amount_kopecks / qty), amount_kopecks: l.amount_kopecks,
            discount_kopecks: l.discount_kopecks ?? 0, is_promo: null, points_earned: l.points_earned ?? 0, points_redeemed: l.points_redeemed ?? 0,
            ts: str(p['purchased_at']), store_id: str(p['store_id']), customer_id: str(p['customer_id']), first_line: l.line_no === firstLineNo,
          });
        }
        break;
      }
      case 'receipt.returned':
      case 'receipt.cancelled': {
        add(out, 'receipt_returns', {
          return_id: str(p['return_id']), receipt_id: str(p['receipt_id']), customer_id: str(p['customer_id']), ts: str(p['at']),
          kind: event.topic === 'receipt.cancelled' ? 'cancel' : 'return', amount_kopecks: p['amount_kopecks'] as number,
          points_clawed_back: p['points_clawed_back'] as number, points_refunded: p['points_refunded'] as number, source: 'patron',
        });
        for (const l of (p['lines'] as Line[]) ?? []) {
          add(out, 'return_lines', { return_id: str(p['return_id']), receipt_id: str(p['receipt_id']), line_no: l.line_no, sku: l.sku, qty: l.qty_milli / 1000, amount_kopecks: l.amount_kopecks });
        }
        break;
      }
      case 'ledger.transfer':
        add(out, 'ledger_movements', {
          transfer_id: str(p['id']), customer_id: str(p['customer_id']), reason: str(p['reason']), debit_account: str(p['debit']), credit_account: str(p['credit']),
          amount: p['amount'] as number, reference: str(p['reference']), ts: str(p['at']),
        });
        if (p['lot'] && typeof p['lot'] === 'object') {
          const lot = p['lot'] as Record<string, unknown>;
          add(out, 'point_lots', {
            lot_id: str(lot['id']), customer_id: str(p['customer_id']), transfer_id: str(p['id']), amount: p['amount'] as number,
            available_at: str(lot['available_at']), expires_at: str(lot['expires_at']), created_at: str(p['at']),
          });
        }
        break;
      case 'ledger.lot_moved':
        add(out, 'point_lot_movements', { transfer_id: str(p['transfer_id']), lot_id: str(p['lot_id']), amount: p['amount'] as number, ts: str(p['at']) });
        break;
      case 'customer.tier_changed':
        add(out, 'tier_changes', { customer_id: str(p['customer_id']), from_tier: str(p['from']), to_tier: str(p['to']), ts: str(p['at']) });
        out.customers.add(String(p['customer_id']));
        break;
      case 'customer.merged':
        out.customers.add(String(p['from']));
        out.customers.add(String(p['into']));
        break;
      case 'campaign.assigned':
        add(out, 'campaign_assignments', { campaign_id: str(p['campaign_id']), customer_id: str(p['customer_id']), group_name: str(p['group']), assigned_at: str(p['at']), source: 'patron' });
        break;
      default:
        // customer.registered, customer.points_adjusted, card.issued/blocked/replaced: the customer's row changes.
        if (event.topic.startsWith('customer.') || event.topic.startsWith('card.')) {
          const id = p['customer_id'];
          if (typeof id === 'string') out.customers.add(id);
        }
    }
  }
  return out;
}
