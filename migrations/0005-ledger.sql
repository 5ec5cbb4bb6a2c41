-- ledger: double-entry points accounting. Every movement is a transfer between two accounts
-- with a reason; transfers are never updated or deleted (a trigger refuses it), mistakes are
-- corrected by reversing transfers. Member accounts cache their balance, updated in the same
-- transaction as the transfer; system accounts are summed when needed, so that every receipt in
-- the chain does not queue on one hot row.
CREATE TABLE ledger_accounts (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('member_pending', 'member_available', 'issuance', 'redemption', 'breakage', 'adjustment')),
  customer_id text REFERENCES customers (id),
  balance bigint NOT NULL DEFAULT 0,
  CHECK ((customer_id IS NULL) = (kind IN ('issuance', 'redemption', 'breakage', 'adjustment'))),
  UNIQUE (customer_id, kind)
);
INSERT INTO ledger_accounts (id, kind) VALUES
  ('sys_issuance', 'issuance'),
  ('sys_redemption', 'redemption'),
  ('sys_breakage', 'breakage'),
  ('sys_adjustment', 'adjustment');

-- No foreign keys to ledger_accounts: every transfer touches a system account, and a foreign
-- key would make each one KEY SHARE-lock the same few rows, serialising all tills on MultiXact
-- updates. Accounts are never deleted, ids come from code, and verifyLedger checks them.
CREATE TABLE ledger_transfers (
  id text PRIMARY KEY,
  debit_account_id text NOT NULL,
  credit_account_id text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  reason text NOT NULL CHECK (reason IN ('earn', 'redeem', 'expire', 'reverse', 'adjust', 'activate', 'transfer')),
  customer_id text REFERENCES customers (id),
  -- What caused it: a receipt (rcp_…), return (ret_…), hold (hld_…) or an operator's note.
  reference text,
  comment text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (debit_account_id <> credit_account_id)
);
-- Histories are read by customer; no index on the account columns, whose values are mostly the
-- few system accounts (every till would insert into the same index pages).
CREATE INDEX ledger_transfers_customer_idx ON ledger_transfers (customer_id, created_at);
CREATE INDEX ledger_transfers_reference_idx ON ledger_transfers (reference);

CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger transfers are immutable; correct a mistake with a reversing transfer'
    USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER ledger_transfers_immutable BEFORE UPDATE OR DELETE ON ledger_transfers
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_transfers_no_truncate BEFORE TRUNCATE ON ledger_transfers
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- A lot is one earn: points wait in the pending account until available_at (the return
-- window), then are spendable until expires_at. `remaining` is what is left of it.
CREATE TABLE ledger_lots (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  source_transfer_id text NOT NULL REFERENCES ledger_transfers (id),
  amount bigint NOT NULL CHECK (amount > 0),
  remaining bigint NOT NULL CHECK (remaining >= 0 AND remaining <= amount),
  available_at timestamptz NOT NULL,
  activated_at timestamptz,
  expires_at timestamptz,
  expired_at timestamptz,
  reference text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (expires_at IS NULL OR expires_at > available_at)
);
CREATE INDEX ledger_lots_to_activate_idx ON ledger_lots (available_at) WHERE activated_at IS NULL AND remaining > 0;
CREATE INDEX ledger_lots_to_expire_idx ON ledger_lots (expires_at) WHERE activated_at IS NOT NULL AND remaining > 0;
CREATE INDEX ledger_lots_customer_idx ON ledger_lots (customer_id) WHERE remaining > 0;
CREATE INDEX ledger_lots_reference_idx ON ledger_lots (reference);

-- How each transfer changed each lot (negative: consumed, clawed back or expired).
CREATE TABLE ledger_lot_movements (
  transfer_id text NOT NULL REFERENCES ledger_transfers (id),
  lot_id text NOT NULL REFERENCES ledger_lots (id),
  amount bigint NOT NULL CHECK (amount <> 0),
  PRIMARY KEY (transfer_id, lot_id)
);
CREATE INDEX ledger_lot_movements_lot_idx ON ledger_lot_movements (lot_id);

-- Two-phase reservations for e-shop checkouts: points set aside (not spendable) until the
-- order is paid (posted), abandoned (voided) or the hold times out (expired).
CREATE TABLE ledger_holds (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  amount bigint NOT NULL CHECK (amount > 0),
  status text NOT NULL CHECK (status IN ('pending', 'posted', 'voided', 'expired')),
  expires_at timestamptz NOT NULL,
  reference text,
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  captured_amount bigint CHECK (captured_amount >= 0 AND captured_amount <= amount),
  redeem_transfer_id text REFERENCES ledger_transfers (id)
);
CREATE INDEX ledger_holds_pending_idx ON ledger_holds (customer_id) WHERE status = 'pending';
CREATE INDEX ledger_holds_timeout_idx ON ledger_holds (expires_at) WHERE status = 'pending';
