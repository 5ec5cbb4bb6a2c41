-- api: every write from outside carries an Idempotency-Key. The answer is stored in the same
-- transaction as the write it describes, so a replay returns exactly the first answer.
CREATE TABLE idempotency_keys (
  principal text NOT NULL,
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  method text NOT NULL,
  path text NOT NULL,
  request_hash text NOT NULL,
  status_code integer NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (principal, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
