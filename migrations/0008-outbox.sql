-- db: the outbox. Events are written in the same transaction as the change they describe;
-- txid lets the read side's sync take them in commit order and exactly once, also when
-- transactions commit out of id order (following the primary key, it takes only rows whose
-- txid is below the current snapshot's xmin). No index beyond the key: every receipt writes here.
CREATE TABLE outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  topic text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
