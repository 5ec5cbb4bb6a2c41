-- The sync from PostgreSQL's outbox: where it stands, and the tables its events fill beside the
-- canonical ones. Rows the sync writes carry source = 'patron'; imports carry their own source.
CREATE TABLE sync_state (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  cursor_txid VARCHAR NOT NULL,
  cursor_id BIGINT NOT NULL,
  events_applied BIGINT NOT NULL,
  last_event_at TIMESTAMPTZ,
  synced_at TIMESTAMPTZ NOT NULL
);

ALTER TABLE receipts ADD COLUMN payment_token VARCHAR;
ALTER TABLE receipts ADD COLUMN card_number VARCHAR;
ALTER TABLE receipt_lines ADD COLUMN points_earned BIGINT;
ALTER TABLE receipt_lines ADD COLUMN points_redeemed BIGINT;
ALTER TABLE customers ADD COLUMN tier_code VARCHAR;
ALTER TABLE customers ADD COLUMN merged_into VARCHAR;
ALTER TABLE customers ADD COLUMN consent_push BOOLEAN;
ALTER TABLE stores ADD COLUMN code VARCHAR;
ALTER TABLE products ADD COLUMN category_code VARCHAR;

-- Returns and cancellations (kind 'cancel' returns the whole receipt).
CREATE TABLE receipt_returns (
  return_id VARCHAR NOT NULL,
  receipt_id VARCHAR NOT NULL,
  customer_id VARCHAR,
  ts TIMESTAMPTZ NOT NULL,
  kind VARCHAR NOT NULL,
  amount_kopecks BIGINT NOT NULL,
  points_clawed_back BIGINT,
  points_refunded BIGINT,
  source VARCHAR NOT NULL
);

CREATE TABLE return_lines (
  return_id VARCHAR NOT NULL,
  receipt_id VARCHAR NOT NULL,
  line_no INTEGER NOT NULL,
  sku VARCHAR,
  qty DOUBLE NOT NULL,
  amount_kopecks BIGINT NOT NULL
);

-- Every ledger transfer: points accrued, activated, redeemed, expired, reversed, adjusted.
CREATE TABLE ledger_movements (
  transfer_id VARCHAR NOT NULL,
  customer_id VARCHAR,
  reason VARCHAR NOT NULL,
  debit_account VARCHAR NOT NULL,
  credit_account VARCHAR NOT NULL,
  amount BIGINT NOT NULL,
  reference VARCHAR,
  ts TIMESTAMPTZ NOT NULL
);

CREATE TABLE tier_changes (
  customer_id VARCHAR NOT NULL,
  from_tier VARCHAR,
  to_tier VARCHAR NOT NULL,
  ts TIMESTAMPTZ NOT NULL
);

CREATE TABLE campaigns (
  campaign_id VARCHAR NOT NULL,
  code VARCHAR,
  name VARCHAR,
  starts_at TIMESTAMPTZ,
  ends_at TIMESTAMPTZ,
  control_share_bp INTEGER,
  source VARCHAR NOT NULL
);
