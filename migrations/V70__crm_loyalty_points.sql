-- Loyalty points: a ledger per customer and the balance it adds up to. Earn rows are "lots" with
-- what is left of them (remaining) and an expiry; reversals and expiry take from the lot.
CREATE TABLE crm_points_ledger (
    id              uuid        PRIMARY KEY,
    customer_id     uuid        NOT NULL,
    delta           bigint      NOT NULL CHECK (delta <> 0),
    remaining       bigint      CHECK (remaining >= 0),
    reason          text        NOT NULL CHECK (reason IN ('earn', 'reverse', 'expire', 'adjust', 'redeem')),
    order_id        uuid,
    order_total     bigint,
    -- The event that caused the change: a redelivered event cannot earn or reverse twice.
    source_event_id uuid        UNIQUE,
    staff_id        uuid,
    note            text,
    expires_at      timestamptz,
    created_at      timestamptz NOT NULL,
    CHECK ((reason = 'earn') = (remaining IS NOT NULL))
);
CREATE INDEX crm_points_ledger_customer ON crm_points_ledger (customer_id, created_at DESC, id DESC);
CREATE UNIQUE INDEX crm_points_one_earn_per_order ON crm_points_ledger (order_id) WHERE reason = 'earn';
CREATE INDEX crm_points_expiring ON crm_points_ledger (expires_at) WHERE reason = 'earn' AND remaining > 0;

CREATE TABLE crm_points_balance (
    customer_id uuid        PRIMARY KEY,
    balance     bigint      NOT NULL CHECK (balance >= 0),
    updated_at  timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
