/**
 * The read side's tables as the sync writes them: every column in table order (migrations
 * 0001, 0002, 0004, 0006, 0007, 0008, 0011, 0012, 0013, 0014, 0016; `ALTER TABLE … ADD COLUMN` appends at the end). A test compares these lists with
 * DuckDB's own catalogue, so a migration cannot drift from the code that fills it.
 */
export type ColumnType = 'VARCHAR' | 'BIGINT' | 'UBIGINT' | 'HUGEINT' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN' | 'TIMESTAMP' | 'TIMESTAMPTZ' | 'DATE' | 'VARCHAR[]';

export const tableColumns = {
  stores: [['store_id', 'VARCHAR'], ['name', 'VARCHAR'], ['city', 'VARCHAR'], ['format', 'VARCHAR'], ['time_zone', 'VARCHAR'], ['source', 'VARCHAR'], ['code', 'VARCHAR']],
  customers: [
    ['customer_id', 'VARCHAR'], ['card', 'VARCHAR'], ['registered_at', 'TIMESTAMPTZ'], ['birth_date', 'DATE'], ['gender', 'VARCHAR'], ['city', 'VARCHAR'],
    ['consent_email', 'BOOLEAN'], ['consent_sms', 'BOOLEAN'], ['source', 'VARCHAR'], ['tier_code', 'VARCHAR'], ['merged_into', 'VARCHAR'], ['consent_push', 'BOOLEAN'],
  ],
  products: [
    ['sku', 'VARCHAR'], ['name', 'VARCHAR'], ['category_path', 'VARCHAR[]'], ['brand', 'VARCHAR'], ['price_kopecks', 'BIGINT'], ['cost_kopecks', 'BIGINT'],
    ['non_promotable', 'BOOLEAN'], ['source', 'VARCHAR'], ['category_code', 'VARCHAR'],
  ],
  receipts: [
    ['receipt_id', 'VARCHAR'], ['store_id', 'VARCHAR'], ['customer_id', 'VARCHAR'], ['ts', 'TIMESTAMPTZ'], ['total_kopecks', 'BIGINT'], ['discount_kopecks', 'BIGINT'],
    ['points_earned', 'BIGINT'], ['points_redeemed', 'BIGINT'], ['source', 'VARCHAR'], ['payment_token', 'VARCHAR'], ['card_number', 'VARCHAR'], ['local_ts', 'TIMESTAMP'],
    // Set as a receipt arrives (migration 0011): its card token and member as keys.
    ['token_key', 'UBIGINT'], ['customer_key', 'UBIGINT'],
    // Itself as a key, set as it arrives (migration 0014).
    ['receipt_key', 'UBIGINT'],
  ],
  // A line names its receipt by receipt_key alone (migration 0016): rows appended with a
  // receipt_id are keyed from it as they are written.
  receipt_lines: [
    ['line_no', 'INTEGER'], ['sku', 'VARCHAR'], ['qty', 'DOUBLE'], ['price_kopecks', 'BIGINT'], ['amount_kopecks', 'BIGINT'],
    ['discount_kopecks', 'BIGINT'], ['is_promo', 'BOOLEAN'], ['points_earned', 'BIGINT'], ['points_redeemed', 'BIGINT'],
    // The receipt's, carried on each line (migration 0008): period reports read lines alone.
    ['ts', 'TIMESTAMPTZ'], ['store_id', 'VARCHAR'], ['customer_id', 'VARCHAR'], ['local_ts', 'TIMESTAMP'], ['first_line', 'BOOLEAN'],
    // Its member as the receipt's key, set as it arrives (migration 0013).
    ['customer_key', 'UBIGINT'],
    // Its receipt as a key, set as it arrives (migration 0014).
    ['receipt_key', 'UBIGINT'],
  ],
  campaign_assignments: [['campaign_id', 'VARCHAR'], ['customer_id', 'VARCHAR'], ['group_name', 'VARCHAR'], ['assigned_at', 'TIMESTAMPTZ'], ['source', 'VARCHAR']],
  receipt_returns: [
    ['return_id', 'VARCHAR'], ['receipt_id', 'VARCHAR'], ['customer_id', 'VARCHAR'], ['ts', 'TIMESTAMPTZ'], ['kind', 'VARCHAR'], ['amount_kopecks', 'BIGINT'],
    ['points_clawed_back', 'BIGINT'], ['points_refunded', 'BIGINT'], ['source', 'VARCHAR'],
  ],
  return_lines: [['return_id', 'VARCHAR'], ['receipt_id', 'VARCHAR'], ['line_no', 'INTEGER'], ['sku', 'VARCHAR'], ['qty', 'DOUBLE'], ['amount_kopecks', 'BIGINT']],
  ledger_movements: [
    ['transfer_id', 'VARCHAR'], ['customer_id', 'VARCHAR'], ['reason', 'VARCHAR'], ['debit_account', 'VARCHAR'], ['credit_account', 'VARCHAR'], ['amount', 'BIGINT'],
    ['reference', 'VARCHAR'], ['ts', 'TIMESTAMPTZ'],
  ],
  tier_changes: [['customer_id', 'VARCHAR'], ['from_tier', 'VARCHAR'], ['to_tier', 'VARCHAR'], ['ts', 'TIMESTAMPTZ']],
  campaigns: [
    ['campaign_id', 'VARCHAR'], ['code', 'VARCHAR'], ['name', 'VARCHAR'], ['starts_at', 'TIMESTAMPTZ'], ['ends_at', 'TIMESTAMPTZ'], ['control_share_bp', 'INTEGER'], ['source', 'VARCHAR'],
    ['control_arm', 'VARCHAR'],
  ],
  model_fits: [
    ['fit_id', 'VARCHAR'], ['fitted_at', 'TIMESTAMPTZ'], ['model', 'VARCHAR'], ['calibration_end', 'DATE'], ['time_unit', 'VARCHAR'], ['merge_same_day', 'BOOLEAN'],
    ['customers', 'BIGINT'], ['params', 'VARCHAR'], ['standard_errors', 'VARCHAR'], ['log_likelihood', 'DOUBLE'], ['converged', 'BOOLEAN'],
  ],
  customer_scores: [
    ['customer_id', 'VARCHAR'], ['fit_id', 'VARCHAR'], ['as_of', 'DATE'], ['first_purchase', 'DATE'], ['last_purchase', 'DATE'], ['repeat_purchases', 'INTEGER'],
    ['p_alive', 'DOUBLE'], ['p_alive_before', 'DOUBLE'], ['expected_purchases', 'DOUBLE'], ['expected_spend_kopecks', 'BIGINT'], ['clv_kopecks', 'BIGINT'],
    ['next_purchase_date', 'DATE'], ['churn_score', 'DOUBLE'],
  ],
  point_lots: [
    ['lot_id', 'VARCHAR'], ['customer_id', 'VARCHAR'], ['transfer_id', 'VARCHAR'], ['amount', 'BIGINT'], ['available_at', 'TIMESTAMPTZ'], ['expires_at', 'TIMESTAMPTZ'], ['created_at', 'TIMESTAMPTZ'],
    // What its movements did to it, added as they arrive (migration 0012, sync/lot-state.ts).
    ['moved', 'BIGINT'], ['redeemed', 'BIGINT'], ['redeemed_weighted_epoch_us', 'HUGEINT'], ['merged', 'BOOLEAN'],
  ],
  point_lot_movements: [['transfer_id', 'VARCHAR'], ['lot_id', 'VARCHAR'], ['amount', 'BIGINT'], ['ts', 'TIMESTAMPTZ']],
  experiment_units: [
    ['campaign_id', 'VARCHAR'], ['unit_id', 'VARCHAR'], ['arm', 'VARCHAR'], ['visits', 'DOUBLE'], ['converted', 'BOOLEAN'], ['revenue_kopecks', 'BIGINT'],
    ['margin_kopecks', 'BIGINT'], ['pre_revenue_kopecks', 'BIGINT'], ['source', 'VARCHAR'],
  ],
  experiment_unit_attributes: [['campaign_id', 'VARCHAR'], ['unit_id', 'VARCHAR'], ['name', 'VARCHAR'], ['value', 'VARCHAR'], ['source', 'VARCHAR']],
  customer_recommendations: [['customer_id', 'VARCHAR'], ['method', 'VARCHAR'], ['rank', 'INTEGER'], ['sku', 'VARCHAR'], ['as_of', 'DATE']],
} as const satisfies Record<string, readonly (readonly [string, ColumnType])[]>;

export type TableName = keyof typeof tableColumns;

/** A row for `table`: values by column name (missing ones are NULL). */
export type TableRow = Record<string, string | number | boolean | null | readonly string[]>;
