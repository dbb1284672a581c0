-- Loyalty program (issue #8): points redeemed at checkout, referrals, tiers.

-- Discount lines that come from the loyalty program have no promotion; `source` says where a line comes
-- from and `points` how many points a points line spent.
ALTER TABLE order_discount ALTER COLUMN promotion_id DROP NOT NULL;
ALTER TABLE order_discount ADD COLUMN source text NOT NULL DEFAULT 'promotion'
    CHECK (source IN ('promotion', 'tier', 'referral', 'points'));
ALTER TABLE order_discount ADD COLUMN points bigint CHECK (points > 0);
ALTER TABLE order_discount ADD CONSTRAINT order_discount_promotion_iff_source
    CHECK ((source = 'promotion') = (promotion_id IS NOT NULL));

-- What the customer asked to redeem on their cart: a number of points, or as many as allowed.
ALTER TABLE cart ADD COLUMN redeem_points bigint CHECK (redeem_points > 0);
ALTER TABLE cart ADD COLUMN redeem_max_points boolean NOT NULL DEFAULT false;

-- New ledger reasons: points given back after a cancelled or refunded redemption, and referral rewards.
ALTER TABLE crm_points_ledger DROP CONSTRAINT crm_points_ledger_reason_check;
ALTER TABLE crm_points_ledger ADD CONSTRAINT crm_points_ledger_reason_check
    CHECK (reason IN ('earn', 'reverse', 'expire', 'adjust', 'redeem', 'redeem_return', 'referral'));
-- One redemption per order: the row every give-back is measured against.
CREATE UNIQUE INDEX crm_points_one_redeem_per_order ON crm_points_ledger (order_id) WHERE reason = 'redeem';
CREATE INDEX crm_points_returns_of_order ON crm_points_ledger (order_id) WHERE reason = 'redeem_return';

-- Referral codes (one per customer, created on first look) and who referred whom.
CREATE TABLE crm_referral_code (
    customer_id uuid        PRIMARY KEY,
    code        text        NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL
);

CREATE TABLE crm_referral (
    -- A customer can be referred once: the primary key makes "not twice per referred customer" a fact.
    referred_customer_id uuid        PRIMARY KEY,
    referrer_customer_id uuid        NOT NULL,
    code                 text        NOT NULL,
    -- The order that used the first-order discount; set at checkout, cleared if that order is cancelled unpaid.
    first_order_id       uuid        UNIQUE,
    rewarded_order_id    uuid,
    reward_points        bigint,
    rewarded_at          timestamptz,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    CHECK (referred_customer_id <> referrer_customer_id)
);
CREATE INDEX crm_referral_referrer ON crm_referral (referrer_customer_id);

-- Each customer's current tier, computed from crm_order_ledger, and when to look at it again.
CREATE TABLE crm_customer_tier (
    customer_id        uuid        PRIMARY KEY,
    tier               text,
    since              timestamptz,
    evaluated_at       timestamptz NOT NULL,
    next_evaluation_at timestamptz NOT NULL,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);
-- The daily job claims due rows with SKIP LOCKED through this index.
CREATE INDEX crm_customer_tier_due ON crm_customer_tier (next_evaluation_at);

CREATE TABLE crm_tier_history (
    id          uuid        PRIMARY KEY,
    customer_id uuid        NOT NULL,
    from_tier   text,
    to_tier     text,
    reason      text        NOT NULL,
    net_spend   jsonb       NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX crm_tier_history_customer ON crm_tier_history (customer_id, created_at DESC, id DESC);

-- Top-tier customers suggested for a dedicated account manager; staff see the open ones.
CREATE TABLE crm_vip_suggestion (
    customer_id  uuid        PRIMARY KEY,
    tier         text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('open', 'withdrawn')),
    suggested_at timestamptz NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);
CREATE INDEX crm_vip_suggestion_open ON crm_vip_suggestion (suggested_at DESC, customer_id DESC) WHERE status = 'open';
