-- Model evaluations (churn on a time split, recommenders on a time split, the frequency model
-- against a holdout, a fit's estimates), each kept with the options it was asked with and the
-- data it was computed on: the imports (each source with its receipts) and the last receipt.
-- The model jobs compute them beside the scores; a report reads the one for its options while
-- the imports are the same and the data have moved on by at most a day, else computes anew.
CREATE TABLE model_evaluations (
  kind VARCHAR NOT NULL,
  options VARCHAR NOT NULL,
  imports VARCHAR NOT NULL,
  data_through TIMESTAMPTZ,
  evaluated_at TIMESTAMPTZ NOT NULL,
  seconds DOUBLE NOT NULL,
  result VARCHAR NOT NULL
);
