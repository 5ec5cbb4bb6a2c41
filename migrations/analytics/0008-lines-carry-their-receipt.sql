-- Reports over a period read receipt lines by far the most, and joining 20 million lines to
-- their receipts on the string id cost ten times the scan of the lines themselves. Each line
-- now carries what those reports ask of its receipt: its time (UTC and store-local), store and
-- customer. Receipts never change these after they arrive, so the copies cannot drift.
-- first_line marks one line per receipt (its lowest line number), so that counting receipts by
-- a receipt's own attributes (store, day, member) needs no distinct count over the lines.
ALTER TABLE receipt_lines ADD COLUMN ts TIMESTAMPTZ;
ALTER TABLE receipt_lines ADD COLUMN store_id VARCHAR;
ALTER TABLE receipt_lines ADD COLUMN customer_id VARCHAR;
ALTER TABLE receipt_lines ADD COLUMN local_ts TIMESTAMP;
ALTER TABLE receipt_lines ADD COLUMN first_line BOOLEAN;
UPDATE receipt_lines l
   SET ts = r.ts, store_id = r.store_id, customer_id = r.customer_id, local_ts = r.local_ts,
       first_line = l.line_no = f.first_line_no
  FROM receipts r, (SELECT receipt_id, min(line_no) AS first_line_no FROM receipt_lines GROUP BY receipt_id) f
 WHERE r.receipt_id = l.receipt_id AND f.receipt_id = l.receipt_id;
