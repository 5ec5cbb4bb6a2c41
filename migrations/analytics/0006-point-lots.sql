-- Points by lot, so the read side knows which points expire when: each lot an earn opened (from
-- the ledger.transfer event) and every change to what is left of it (ledger.lot_moved: consumed
-- by a redemption, clawed back, expired, moved by a merge). Remaining = amount + movements.
CREATE TABLE point_lots (
  lot_id VARCHAR NOT NULL,
  customer_id VARCHAR NOT NULL,
  transfer_id VARCHAR NOT NULL,
  amount BIGINT NOT NULL,
  available_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE point_lot_movements (
  transfer_id VARCHAR NOT NULL,
  lot_id VARCHAR NOT NULL,
  amount BIGINT NOT NULL,
  ts TIMESTAMPTZ NOT NULL
);
