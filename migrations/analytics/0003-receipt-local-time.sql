-- Each receipt's time in its store's zone, computed once when the receipt arrives: converting
-- with a per-row zone costs about 2 µs a row, too much to repeat in every report and pivot.
ALTER TABLE receipts ADD COLUMN local_ts TIMESTAMP;
