-- catalog: the chain's stores. `code` is the chain's own store number, as its POS knows it;
-- day boundaries in reports use each store's time zone.
CREATE TABLE stores (
  id text PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_.-]{1,64}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  city text,
  format text,
  time_zone text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
