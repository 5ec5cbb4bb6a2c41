-- The files the read side holds: one row per import source, written in the import's own
-- transaction and deleted with its rows. Until now the read side knew an import only by the hash
-- in its source, so after a restart nobody could tell which file was which, and a file could not
-- be checked against the files already there (two exports of overlapping periods counted the
-- days they share twice).
CREATE TABLE imports (
  source VARCHAR NOT NULL,
  -- The file's name as it was given, without its folder; NULL for imports made before this table.
  file VARCHAR,
  preset VARCHAR,
  encoding VARCHAR,
  imported_at TIMESTAMPTZ,
  rows BIGINT,
  imported BIGINT,
  rejected BIGINT,
  receipts BIGINT,
  lines BIGINT,
  customers BIGINT,
  -- The first and last day of the file's receipts (its times as written).
  first_day DATE,
  last_day DATE
);

-- Imports made before: what the read side can still say of them.
INSERT INTO imports (source, receipts, first_day, last_day)
SELECT source, count(*), min(ts)::DATE, max(ts)::DATE FROM receipts WHERE source LIKE 'import:%' GROUP BY source;
INSERT INTO imports (source)
SELECT DISTINCT source FROM campaigns WHERE source LIKE 'import:%' AND source NOT IN (SELECT source FROM imports);
