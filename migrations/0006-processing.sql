-- processing: program settings (versioned; every receipt records the version it was computed
-- with) and the receipts the POS and e-shops confirm, with their returns.
CREATE TABLE program_settings (
  version integer PRIMARY KEY,
  settings jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text
);

-- store_id, settings_version and sku carry no foreign keys: each would KEY SHARE-lock a hot row
-- (the store, the current settings version, a best-selling product) on every receipt. Stores,
-- settings versions and products are never deleted, and confirm reads each of them in the same
-- transaction before writing the receipt.
CREATE TABLE receipts (
  id text PRIMARY KEY,
  store_id text NOT NULL,
  terminal text NOT NULL,
  number text NOT NULL,
  customer_id text REFERENCES customers (id),
  card_number text,
  purchased_at timestamptz NOT NULL,
  total_kopecks bigint NOT NULL CHECK (total_kopecks >= 0),
  pos_discount_kopecks bigint NOT NULL CHECK (pos_discount_kopecks >= 0),
  points_earned bigint NOT NULL CHECK (points_earned >= 0),
  points_redeemed bigint NOT NULL CHECK (points_redeemed >= 0),
  redeemed_value_kopecks bigint NOT NULL CHECK (redeemed_value_kopecks >= 0),
  settings_version integer NOT NULL,
  tier_code text,
  hold_id text REFERENCES ledger_holds (id),
  status text NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
  request_hash text NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  cancelled_at timestamptz,
  UNIQUE (store_id, terminal, number)
);
CREATE INDEX receipts_customer_idx ON receipts (customer_id, purchased_at);
CREATE INDEX receipts_purchased_idx ON receipts (purchased_at);

CREATE TABLE receipt_lines (
  receipt_id text NOT NULL REFERENCES receipts (id),
  line_no integer NOT NULL CHECK (line_no > 0),
  sku text NOT NULL,
  qty_milli bigint NOT NULL CHECK (qty_milli > 0),
  price_kopecks bigint NOT NULL CHECK (price_kopecks >= 0),
  amount_kopecks bigint NOT NULL CHECK (amount_kopecks >= 0),
  pos_discount_kopecks bigint NOT NULL CHECK (pos_discount_kopecks >= 0),
  non_promotable boolean NOT NULL,
  points_earned bigint NOT NULL CHECK (points_earned >= 0),
  points_redeemed bigint NOT NULL CHECK (points_redeemed >= 0),
  returned_qty_milli bigint NOT NULL DEFAULT 0 CHECK (returned_qty_milli >= 0 AND returned_qty_milli <= qty_milli),
  PRIMARY KEY (receipt_id, line_no)
);

CREATE TABLE receipt_returns (
  id text PRIMARY KEY,
  receipt_id text NOT NULL REFERENCES receipts (id),
  kind text NOT NULL CHECK (kind IN ('return', 'cancel')),
  amount_kopecks bigint NOT NULL CHECK (amount_kopecks >= 0),
  points_clawed_back bigint NOT NULL CHECK (points_clawed_back >= 0),
  points_forgiven bigint NOT NULL CHECK (points_forgiven >= 0),
  points_refunded bigint NOT NULL CHECK (points_refunded >= 0),
  request_hash text NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX receipt_returns_receipt_idx ON receipt_returns (receipt_id);

CREATE TABLE receipt_return_lines (
  return_id text NOT NULL REFERENCES receipt_returns (id),
  line_no integer NOT NULL,
  qty_milli bigint NOT NULL CHECK (qty_milli > 0),
  amount_kopecks bigint NOT NULL CHECK (amount_kopecks >= 0),
  points_clawed_back bigint NOT NULL CHECK (points_clawed_back >= 0),
  points_refunded bigint NOT NULL CHECK (points_refunded >= 0),
  PRIMARY KEY (return_id, line_no)
);
