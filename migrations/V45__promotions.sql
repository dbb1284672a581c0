-- Promotions: discount codes and automatic (code-less) promotions, what an order got from them, and
-- the redemptions that count against usage limits.

CREATE TABLE promotion (
    id                 uuid        PRIMARY KEY,
    -- Upper-cased when stored so look-ups are case-insensitive; null for automatic promotions.
    code               text,
    name               text        NOT NULL,
    kind               text        NOT NULL CHECK (kind IN ('percentage', 'fixed_amount', 'free_shipping')),
    automatic          boolean     NOT NULL DEFAULT false,
    percent_off        integer     CHECK (percent_off BETWEEN 1 AND 100),
    amount_off         bigint      CHECK (amount_off > 0),
    -- A promotion with a currency applies only to carts in that currency; amounts below are in it.
    currency           char(3),
    min_subtotal       bigint      CHECK (min_subtotal >= 0),
    -- Bulk rule: at least this many eligible items in the cart ("buy 3, save 10 %").
    min_quantity       integer     CHECK (min_quantity >= 1),
    starts_at          timestamptz,
    ends_at            timestamptz,
    usage_limit        integer     CHECK (usage_limit >= 1),
    per_customer_limit integer     CHECK (per_customer_limit >= 1),
    -- Only ever changed by conditional updates (redeem: < usage_limit; release: > 0), so it never
    -- passes the limit whatever the concurrency.
    redemptions        integer     NOT NULL DEFAULT 0 CHECK (redemptions >= 0),
    -- Empty arrays mean the whole cart; a category includes its sub-categories.
    product_ids        uuid[]      NOT NULL DEFAULT '{}',
    category_ids       uuid[]      NOT NULL DEFAULT '{}',
    active             boolean     NOT NULL DEFAULT true,
    version            integer     NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    CHECK (automatic = (code IS NULL)),
    CHECK (usage_limit IS NULL OR redemptions <= usage_limit),
    CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at),
    CHECK (kind <> 'percentage' OR percent_off IS NOT NULL),
    CHECK (kind <> 'fixed_amount' OR (amount_off IS NOT NULL AND currency IS NOT NULL))
);
-- A code names one promotion for ever, deactivated or not, so an old receipt's code stays unambiguous.
CREATE UNIQUE INDEX promotion_code ON promotion (code) WHERE code IS NOT NULL;
CREATE INDEX promotion_created ON promotion (created_at DESC, id DESC);
-- Every cart render looks for the automatic promotions that are live.
CREATE INDEX promotion_automatic_live ON promotion (id) WHERE automatic AND active;

-- The code a shopper applied to a cart; re-checked on every render and at checkout.
ALTER TABLE cart ADD COLUMN promotion_id uuid REFERENCES promotion (id);

-- Uses of a limited code per customer (signed-in customer id, or a guest's e-mail). Raised with
-- INSERT ... ON CONFLICT DO UPDATE ... WHERE uses < limit, which serialises on this row.
CREATE TABLE promotion_customer_usage (
    promotion_id uuid        NOT NULL REFERENCES promotion (id),
    customer_key text        NOT NULL,
    uses         integer     NOT NULL CHECK (uses >= 0),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (promotion_id, customer_key)
);

-- One row per code used by an order. released_at is set once, when an unpaid order is cancelled and
-- the use is given back; the conditional update that sets it returns the row to one caller only.
CREATE TABLE promotion_redemption (
    id           uuid        PRIMARY KEY,
    promotion_id uuid        NOT NULL REFERENCES promotion (id),
    order_id     uuid        NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    customer_key text        NOT NULL,
    amount       bigint      NOT NULL CHECK (amount >= 0),
    released_at  timestamptz,
    created_at   timestamptz NOT NULL,
    UNIQUE (promotion_id, order_id)
);
CREATE INDEX promotion_redemption_order ON promotion_redemption (order_id);

-- What an order got: one row per applied promotion (automatic or code), frozen at checkout.
CREATE TABLE order_discount (
    id           uuid        PRIMARY KEY,
    order_id     uuid        NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    position     integer     NOT NULL,
    promotion_id uuid        NOT NULL REFERENCES promotion (id),
    code         text,
    name         text        NOT NULL,
    kind         text        NOT NULL,
    amount       bigint      NOT NULL CHECK (amount >= 0),
    created_at   timestamptz NOT NULL,
    UNIQUE (order_id, position)
);

-- How each order discount was split over the lines (Money.allocate: the parts add up exactly), so a
-- partial refund can give back exactly what a line was charged.
CREATE TABLE order_line_discount (
    order_discount_id uuid   NOT NULL REFERENCES order_discount (id) ON DELETE CASCADE,
    order_line_id     uuid   NOT NULL REFERENCES order_line (id) ON DELETE CASCADE,
    amount            bigint NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (order_discount_id, order_line_id)
);
CREATE INDEX order_line_discount_line ON order_line_discount (order_line_id);
