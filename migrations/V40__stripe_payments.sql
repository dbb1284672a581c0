-- Stripe: webhook events already applied, and the reconciliation job's bookkeeping.

-- One row per Stripe event whose effect was applied. It is inserted in the same transaction as the
-- effect, before it: a redelivered event (Stripe retries, or the same event arriving several times at
-- once) conflicts on the primary key and changes nothing, and a concurrent copy waits on the key until
-- the first commits or rolls back.
CREATE TABLE stripe_event (
    id          text        PRIMARY KEY,
    type        text        NOT NULL,
    -- The PaymentIntent (pi_...) or Charge (ch_...) the event is about.
    object_id   text,
    order_id    uuid,
    -- What the event did to the order (paid, already_paid, reinstated, refunded, failed, ignored, ...).
    outcome     text        NOT NULL,
    livemode    boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL
);
CREATE INDEX stripe_event_order ON stripe_event (order_id, created_at);

-- A provider reference names one payment: a webhook finds the order by it.
CREATE UNIQUE INDEX payment_provider_ref ON payment (provider, provider_ref) WHERE provider_ref IS NOT NULL;

-- When each Stripe payment that may have succeeded unseen is next checked against Stripe. Instances
-- claim due rows with FOR UPDATE SKIP LOCKED and push next_check_at forward (a lease) before calling
-- Stripe, so two instances never check the same payment at once; done stops the checks.
CREATE TABLE stripe_reconciliation (
    payment_id    uuid        PRIMARY KEY REFERENCES payment (id) ON DELETE CASCADE,
    checks        integer     NOT NULL DEFAULT 0,
    next_check_at timestamptz NOT NULL,
    last_status   text,
    done          boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
-- The job scans only Stripe payments that are not settled yet.
CREATE INDEX payment_stripe_unsettled ON payment (created_at)
    WHERE provider = 'stripe' AND status IN ('pending', 'failed', 'voided');
