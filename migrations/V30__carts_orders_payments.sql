-- Carts, orders, stock reservations and payments.

-- Stock taken by a checkout is a reservation until the order is paid; releasing it puts it back.
-- Both are movements of the same ledger, so stock_on_hand still equals the ledger sum.
ALTER TABLE stock_movement DROP CONSTRAINT stock_movement_reason_check;
ALTER TABLE stock_movement ADD CONSTRAINT stock_movement_reason_check
    CHECK (reason IN ('received', 'damaged', 'correction', 'sale', 'return', 'reserved', 'released'));

CREATE TABLE cart (
    id               uuid        PRIMARY KEY,
    -- Guest carts are addressed by a random token; only its SHA-256 is stored.
    token_hash       bytea       UNIQUE,
    customer_id      uuid,
    currency         char(3)     NOT NULL,
    shipping_country char(2),
    shipping_method  text,
    status           text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'checked_out', 'merged')),
    version          integer     NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CHECK (token_hash IS NOT NULL OR customer_id IS NOT NULL)
);
-- One open cart per customer.
CREATE UNIQUE INDEX cart_open_per_customer ON cart (customer_id) WHERE status = 'open' AND customer_id IS NOT NULL;

CREATE TABLE cart_line (
    cart_id    uuid        NOT NULL REFERENCES cart (id) ON DELETE CASCADE,
    variant_id uuid        NOT NULL REFERENCES variant (id),
    quantity   integer     NOT NULL CHECK (quantity > 0 AND quantity <= 999),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (cart_id, variant_id)
);

CREATE TABLE shipping_method (
    code             text        PRIMARY KEY,
    name             text        NOT NULL,
    -- ISO 3166-1 alpha-2 codes this method ships to; empty means everywhere.
    countries        text[]      NOT NULL DEFAULT '{}',
    min_days         integer     NOT NULL CHECK (min_days >= 0),
    max_days         integer     NOT NULL CHECK (max_days >= min_days),
    active           boolean     NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE shipping_rate (
    method_code      text        NOT NULL REFERENCES shipping_method (code) ON DELETE CASCADE,
    currency         char(3)     NOT NULL,
    -- flat: amount per order; weight: amount + per_kg_amount per started kilogram.
    kind             text        NOT NULL CHECK (kind IN ('flat', 'weight')),
    amount           bigint      NOT NULL CHECK (amount >= 0),
    per_kg_amount    bigint      NOT NULL DEFAULT 0 CHECK (per_kg_amount >= 0),
    -- Free when the discounted subtotal reaches this amount; null means never free.
    free_over_amount bigint      CHECK (free_over_amount >= 0),
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (method_code, currency)
);

CREATE TABLE tax_rate (
    country      char(2)     NOT NULL,
    -- '' applies to the whole country; a region row overrides it.
    region       text        NOT NULL DEFAULT '',
    -- Basis points: 900 = 9 %.
    rate_bp      integer     NOT NULL CHECK (rate_bp >= 0 AND rate_bp <= 10000),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (country, region)
);

-- Demo shipping and tax so a fresh shop can check out at once; staff can change these rows.
INSERT INTO shipping_method (code, name, countries, min_days, max_days) VALUES
    ('standard', 'Standard post', '{}', 3, 7),
    ('express', 'Express courier', '{}', 1, 2);
INSERT INTO shipping_rate (method_code, currency, kind, amount, per_kg_amount, free_over_amount) VALUES
    ('standard', 'IRR', 'flat', 500000, 0, 50000000),
    ('standard', 'EUR', 'flat', 495, 0, 5000),
    ('standard', 'USD', 'flat', 495, 0, 5000),
    ('standard', 'KWD', 'flat', 1500, 0, 20000),
    ('express', 'IRR', 'weight', 1000000, 200000, NULL),
    ('express', 'EUR', 'weight', 990, 150, NULL),
    ('express', 'USD', 'weight', 990, 150, NULL),
    ('express', 'KWD', 'weight', 3000, 500, NULL);
INSERT INTO tax_rate (country, region, rate_bp) VALUES ('IR', '', 1000), ('DE', '', 1900), ('KW', '', 0),
    ('US', '', 0), ('FR', '', 2000), ('NL', '', 2100);

CREATE SEQUENCE order_number_seq START WITH 100001;

CREATE TABLE customer_order (
    id                     uuid        PRIMARY KEY,
    number                 text        NOT NULL UNIQUE,
    customer_id            uuid,
    email                  text        NOT NULL,
    -- Guests track their order with a random access token; only its SHA-256 is stored.
    access_token_hash      bytea,
    status                 text        NOT NULL,
    currency               char(3)     NOT NULL,
    subtotal               bigint      NOT NULL,
    discount_total         bigint      NOT NULL DEFAULT 0,
    shipping_total         bigint      NOT NULL,
    tax_total              bigint      NOT NULL,
    grand_total            bigint      NOT NULL CHECK (grand_total >= 0),
    prices_include_tax     boolean     NOT NULL,
    shipping_method        text        NOT NULL,
    delivery_min_days      integer     NOT NULL,
    delivery_max_days      integer     NOT NULL,
    shipping_address       jsonb       NOT NULL,
    billing_address        jsonb       NOT NULL,
    payment_provider       text        NOT NULL,
    channel                text        NOT NULL DEFAULT 'web',
    reservation_expires_at timestamptz,
    cart_id                uuid        REFERENCES cart (id),
    version                integer     NOT NULL DEFAULT 1,
    placed_at              timestamptz NOT NULL,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL
);
-- A cart becomes at most one order, whatever retries or races happen.
CREATE UNIQUE INDEX customer_order_one_per_cart ON customer_order (cart_id);
CREATE INDEX customer_order_customer ON customer_order (customer_id, placed_at DESC, id DESC);
CREATE INDEX customer_order_placed ON customer_order (placed_at DESC, id DESC);
CREATE INDEX customer_order_status ON customer_order (status, placed_at DESC);
-- The expiry job scans only orders still waiting for payment.
CREATE INDEX customer_order_expiring ON customer_order (reservation_expires_at) WHERE status = 'pending_payment';

CREATE TABLE order_line (
    id          uuid    PRIMARY KEY,
    order_id    uuid    NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    position    integer NOT NULL,
    variant_id  uuid    NOT NULL,
    product_id  uuid    NOT NULL,
    sku         text    NOT NULL,
    title       text    NOT NULL,
    options     jsonb   NOT NULL DEFAULT '{}',
    quantity    integer NOT NULL CHECK (quantity > 0),
    unit_price  bigint  NOT NULL CHECK (unit_price >= 0),
    line_total  bigint  NOT NULL CHECK (line_total >= 0),
    tax_amount  bigint  NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_line_order ON order_line (order_id, position);

CREATE TABLE order_status_history (
    id          uuid        PRIMARY KEY,
    order_id    uuid        NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    from_status text,
    to_status   text        NOT NULL,
    actor_type  text        NOT NULL CHECK (actor_type IN ('customer', 'guest', 'staff', 'system')),
    actor_id    uuid,
    reason      text,
    created_at  timestamptz NOT NULL
);
CREATE INDEX order_status_history_order ON order_status_history (order_id, created_at, id);

CREATE TABLE order_note (
    id         uuid        PRIMARY KEY,
    order_id   uuid        NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    staff_id   uuid        NOT NULL,
    body       text        NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX order_note_order ON order_note (order_id, created_at);

CREATE TABLE stock_reservation (
    order_id    uuid        NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    variant_id  uuid        NOT NULL REFERENCES variant (id),
    quantity    integer     NOT NULL CHECK (quantity > 0),
    -- held -> consumed (paid) or held -> released (expired or cancelled); each exactly once.
    state       text        NOT NULL DEFAULT 'held' CHECK (state IN ('held', 'consumed', 'released')),
    expires_at  timestamptz NOT NULL,
    settled_at  timestamptz,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (order_id, variant_id)
);

CREATE TABLE payment (
    id           uuid        PRIMARY KEY,
    order_id     uuid        NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    provider     text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'voided', 'refunded')),
    amount       bigint      NOT NULL CHECK (amount >= 0),
    currency     char(3)     NOT NULL,
    provider_ref text,
    recorded_by  uuid,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);
CREATE UNIQUE INDEX payment_one_per_order ON payment (order_id);
