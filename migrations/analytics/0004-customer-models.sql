-- The customer models' output (src/analytics/customer-models): each fit with its parameters, and
-- per-customer predictions from the latest `patron model score`, which replaces them whole.
CREATE TABLE model_fits (
  fit_id VARCHAR NOT NULL,
  fitted_at TIMESTAMPTZ NOT NULL,
  model VARCHAR NOT NULL,
  calibration_end DATE NOT NULL,
  time_unit VARCHAR NOT NULL,
  merge_same_day BOOLEAN NOT NULL,
  customers BIGINT NOT NULL,
  params VARCHAR NOT NULL,
  standard_errors VARCHAR NOT NULL,
  log_likelihood DOUBLE NOT NULL,
  converged BOOLEAN NOT NULL
);

-- customer_id: a member's id, or 'token:<payment token>' for a bank card no member claims.
CREATE TABLE customer_scores (
  customer_id VARCHAR NOT NULL,
  fit_id VARCHAR NOT NULL,
  as_of DATE NOT NULL,
  first_purchase DATE NOT NULL,
  last_purchase DATE NOT NULL,
  repeat_purchases INTEGER NOT NULL,
  p_alive DOUBLE NOT NULL,
  p_alive_before DOUBLE,
  expected_purchases DOUBLE NOT NULL,
  expected_spend_kopecks BIGINT NOT NULL,
  clv_kopecks BIGINT NOT NULL,
  next_purchase_date DATE,
  churn_score DOUBLE
);

-- Personal recommendations from the latest `patron model recommend`, per method, best first.
CREATE TABLE customer_recommendations (
  customer_id VARCHAR NOT NULL,
  method VARCHAR NOT NULL,
  rank INTEGER NOT NULL,
  sku VARCHAR NOT NULL,
  as_of DATE NOT NULL
);
