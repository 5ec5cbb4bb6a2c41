-- processing: the POS may send a token of the bank card that paid (a salted hash the acquirer
-- or the fiscal data gives). It links a shopper's receipts before they join the program, and
-- never-members' receipts, so program effect can be measured against pre-join behaviour.
ALTER TABLE receipts ADD COLUMN payment_token text CHECK (payment_token ~ '^[A-Za-z0-9_-]{8,128}$');

-- campaigns: the first seam of the campaign engine. A campaign has a window and a control share;
-- who is in treatment or control is a pure function of (campaign, customer) (see holdout.ts),
-- stored so that analytics and auditors read the same assignment the engine used.
CREATE TABLE campaigns (
  id text PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_.-]{1,64}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description text,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  control_share_bp integer NOT NULL CHECK (control_share_bp BETWEEN 0 AND 10000),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);

CREATE TABLE campaign_assignments (
  campaign_id text NOT NULL REFERENCES campaigns (id),
  customer_id text NOT NULL REFERENCES customers (id),
  group_name text NOT NULL CHECK (group_name IN ('treatment', 'control')),
  assigned_at timestamptz NOT NULL,
  PRIMARY KEY (campaign_id, customer_id)
);
CREATE INDEX campaign_assignments_customer_idx ON campaign_assignments (customer_id);
