-- db: the read side's sync takes outbox rows by (txid, id) below the snapshot's xmin (see
-- src/db/outbox.ts): exactly once, and a transaction's events after those of every transaction it
-- depended on. txid grows with time, so inserts land at the index's right edge.
CREATE INDEX outbox_txid_idx ON outbox (txid, id);
