-- customers: members and their identities. A member is found by card, phone (E.164) or the
-- chain's external id. Merging keeps the absorbed member's row (and its history) with
-- merged_into pointing at the survivor.
CREATE TABLE customers (
  id text PRIMARY KEY,
  phone text UNIQUE CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
  external_id text UNIQUE CHECK (length(external_id) BETWEEN 1 AND 100),
  email text,
  name text,
  birth_date date,
  gender text CHECK (gender IN ('female', 'male')),
  city text,
  consent_sms_at timestamptz,
  consent_email_at timestamptz,
  consent_push_at timestamptz,
  tier_code text NOT NULL,
  tier_since timestamptz NOT NULL DEFAULT now(),
  registered_at timestamptz NOT NULL DEFAULT now(),
  registered_store_id text REFERENCES stores (id),
  last_purchase_at timestamptz,
  merged_into text REFERENCES customers (id),
  merged_at timestamptz
);
CREATE INDEX customers_last_purchase_idx ON customers (last_purchase_at);

CREATE TABLE cards (
  number text PRIMARY KEY CHECK (number ~ '^[0-9A-Za-z]{4,32}$'),
  customer_id text NOT NULL REFERENCES customers (id),
  status text NOT NULL CHECK (status IN ('active', 'blocked', 'replaced')),
  issued_at timestamptz NOT NULL DEFAULT now(),
  status_changed_at timestamptz,
  status_reason text,
  replaced_by text REFERENCES cards (number)
);
CREATE INDEX cards_customer_idx ON cards (customer_id);
