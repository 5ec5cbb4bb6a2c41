-- Campaign measurement (src/analytics/measurement): experiments imported as one row per customer
-- with its arm and outcomes (the Hillstrom e-mail test and files like it), beside Patron's own
-- campaigns whose outcomes come from receipts. A campaign names its control arm; Patron's own
-- campaigns use the assignments' 'control' group.
ALTER TABLE campaigns ADD COLUMN control_arm VARCHAR;

CREATE TABLE experiment_units (
  campaign_id VARCHAR NOT NULL,
  unit_id VARCHAR NOT NULL,
  arm VARCHAR NOT NULL,
  -- Outcomes in the campaign's window; NULL where the file does not say.
  visits DOUBLE,
  converted BOOLEAN,
  revenue_kopecks BIGINT,
  margin_kopecks BIGINT,
  -- Pre-period behaviour for variance reduction (CUPED).
  pre_revenue_kopecks BIGINT,
  source VARCHAR NOT NULL
);

-- Every other column of the file, by name, for breakdowns (segment, channel, region, …).
CREATE TABLE experiment_unit_attributes (
  campaign_id VARCHAR NOT NULL,
  unit_id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  value VARCHAR,
  source VARCHAR NOT NULL
);
