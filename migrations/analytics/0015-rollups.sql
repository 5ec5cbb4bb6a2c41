-- Rollups: receipts and lines summed once, for the reports that read years of them whole (the
-- mechanics simulator read 7.7 million member lines and 1.5 million member receipts on every run
-- at 5 M receipts, 1.9 s). They are kept by UTC day: whatever writes or deletes receipts marks
-- their days stale, in the same transaction, and the next reader brings those days up to date
-- (src/analytics/rollups.ts). Every day is stale here, so the first reader builds them whole.

-- Lines by UTC day, product and who bought: 0 nobody known, 1 a card token alone, 2 a member.
CREATE TABLE line_day_sums (
  day DATE NOT NULL,
  sku VARCHAR,
  shopper_kind UTINYINT NOT NULL,
  amount_kopecks BIGINT,
  qty DOUBLE,
  lines BIGINT NOT NULL,
  -- Receipts counted by their first lines.
  receipts BIGINT NOT NULL
);

-- Each identified shopper's receipts by UTC month (the month's first day): a member by its key
-- (kind 2), else a card token by its key (kind 1); with the shopper's revenue in the 12 months before.
CREATE TABLE shopper_month_sums (
  month DATE NOT NULL,
  shopper_kind UTINYINT NOT NULL,
  shopper_key UBIGINT NOT NULL,
  revenue_kopecks BIGINT,
  receipts BIGINT NOT NULL,
  prior_year_kopecks BIGINT NOT NULL
);

-- Sums are BIGINT: a sum of kopecks fits, and DuckDB read a HUGEINT column of 2 million rows
-- from its file at 0.3 µs a value, 30 times a BIGINT's.
CREATE TABLE stale_rollup_days (day DATE NOT NULL);
INSERT INTO stale_rollup_days SELECT DISTINCT (DATE '1970-01-01' + CAST(floor(epoch_us(ts) / 86400000000) AS INTEGER)) FROM receipts;
