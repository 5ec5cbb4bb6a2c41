-- Model evaluations (churn on a time split, recommenders on a time split, the frequency model
-- against a holdout, a fit's estimates), each kept with the options it was asked with and the
-- state of the read side it was computed on. The model jobs compute them beside the scores; a
-- report reads the one whose options and data are its own, and computes anew when none is.
CREATE TABLE model_evaluations (
  kind VARCHAR NOT NULL,
  options VARCHAR NOT NULL,
  data_version VARCHAR NOT NULL,
  evaluated_at TIMESTAMPTZ NOT NULL,
  seconds DOUBLE NOT NULL,
  result VARCHAR NOT NULL
);
