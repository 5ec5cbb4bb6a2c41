-- The read side's canonical tables (DESIGN.md, "Data that comes in"): filled by the sync from
-- PostgreSQL and by imports of a chain's history. Amounts are integer kopecks; quantities are
-- DOUBLE because weighed goods are sold in fractions of a kilogram.
CREATE TABLE stores (
  store_id VARCHAR NOT NULL,
  name VARCHAR,
  city VARCHAR,
  format VARCHAR,
  time_zone VARCHAR,
  source VARCHAR NOT NULL
);

CREATE TABLE customers (
  customer_id VARCHAR NOT NULL,
  card VARCHAR,
  registered_at TIMESTAMPTZ,
  birth_date DATE,
  gender VARCHAR,
  city VARCHAR,
  consent_email BOOLEAN,
  consent_sms BOOLEAN,
  source VARCHAR NOT NULL
);

CREATE TABLE products (
  sku VARCHAR NOT NULL,
  name VARCHAR,
  category_path VARCHAR[],
  brand VARCHAR,
  price_kopecks BIGINT,
  cost_kopecks BIGINT,
  non_promotable BOOLEAN,
  source VARCHAR NOT NULL
);

CREATE TABLE receipts (
  receipt_id VARCHAR NOT NULL,
  store_id VARCHAR,
  customer_id VARCHAR,
  ts TIMESTAMPTZ NOT NULL,
  total_kopecks BIGINT NOT NULL,
  discount_kopecks BIGINT,
  points_earned BIGINT,
  points_redeemed BIGINT,
  source VARCHAR NOT NULL
);

CREATE TABLE receipt_lines (
  receipt_id VARCHAR NOT NULL,
  line_no INTEGER NOT NULL,
  sku VARCHAR,
  qty DOUBLE NOT NULL,
  price_kopecks BIGINT,
  amount_kopecks BIGINT NOT NULL,
  discount_kopecks BIGINT,
  is_promo BOOLEAN
);

CREATE TABLE campaign_assignments (
  campaign_id VARCHAR NOT NULL,
  customer_id VARCHAR NOT NULL,
  group_name VARCHAR NOT NULL CHECK (group_name IN ('treatment', 'control')),
  assigned_at TIMESTAMPTZ,
  source VARCHAR NOT NULL
);
