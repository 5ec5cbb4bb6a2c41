-- Reports over a period read receipt lines by far the most, and joining 20 million lines to
-- their receipts on the string id cost ten times the scan of the lines themselves. Each line
-- now carries what those reports ask of its receipt: its time (UTC and store-local), store and
-- customer. Receipts never change these after they arrive, so the copies cannot drift.
ALTER TABLE receipt_lines ADD COLUMN ts TIMESTAMPTZ;
ALTER TABLE receipt_lines ADD COLUMN store_id VARCHAR;
ALTER TABLE receipt_lines ADD COLUMN customer_id VARCHAR;
ALTER TABLE receipt_lines ADD COLUMN local_ts TIMESTAMP;
UPDATE receipt_lines l
   SET ts = r.ts, store_id = r.store_id, customer_id = r.customer_id, local_ts = r.local_ts
  FROM receipts r
 WHERE r.receipt_id = l.receipt_id;
