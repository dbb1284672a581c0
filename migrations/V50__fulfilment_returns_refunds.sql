-- Shipments, returns (RMA) with exchanges, refunds (issue #5).

-- The order's fulfilment state follows from its shipments; it is kept on the order so lists and the
-- order status transitions read it without aggregating shipments.
ALTER TABLE customer_order ADD COLUMN fulfilment_status text NOT NULL DEFAULT 'unfulfilled'
    CHECK (fulfilment_status IN ('unfulfilled', 'partially_shipped', 'shipped', 'partially_delivered', 'delivered'));

-- What has been given back so far. Refunds reserve their amount with a conditional update of this
-- column (refunded_amount + amount <= amount), so concurrent refunds can never exceed what was captured.
ALTER TABLE payment ADD COLUMN refunded_amount bigint NOT NULL DEFAULT 0;
ALTER TABLE payment ADD CONSTRAINT payment_refunded_within_captured
    CHECK (refunded_amount >= 0 AND refunded_amount <= amount);

CREATE TABLE shipment (
    id              uuid        PRIMARY KEY,
    order_id        uuid        NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    -- shipped -> delivered; a shipment exists only once it has left with a carrier.
    status          text        NOT NULL CHECK (status IN ('shipped', 'delivered')),
    carrier         text        NOT NULL,
    tracking_number text        NOT NULL,
    tracking_url    text,
    shipped_by      uuid        NOT NULL,
    shipped_at      timestamptz NOT NULL,
    delivered_at    timestamptz,
    -- 'staff' or 'carrier' (signed callback).
    delivered_via   text        CHECK (delivered_via IN ('staff', 'carrier')),
    created_at      timestamptz NOT NULL
);
CREATE INDEX shipment_order ON shipment (order_id, shipped_at, id);
-- The carrier callback names a shipment by its tracking number.
CREATE INDEX shipment_tracking ON shipment (carrier, tracking_number);

CREATE TABLE shipment_line (
    shipment_id   uuid    NOT NULL REFERENCES shipment (id) ON DELETE CASCADE,
    order_line_id uuid    NOT NULL REFERENCES order_line (id),
    quantity      integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (shipment_id, order_line_id)
);
CREATE INDEX shipment_line_order_line ON shipment_line (order_line_id);

CREATE SEQUENCE return_number_seq START WITH 500001;

CREATE TABLE return_request (
    id              uuid        PRIMARY KEY,
    number          text        NOT NULL UNIQUE,
    order_id        uuid        NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    customer_id     uuid        NOT NULL,
    -- requested -> approved | rejected; approved -> received -> refunded (or exchanged).
    status          text        NOT NULL CHECK (status IN ('requested', 'approved', 'rejected', 'received',
                                                           'refunded', 'exchanged')),
    -- refund: money back; exchange: a replacement variant, the price difference charged or refunded.
    resolution      text        NOT NULL CHECK (resolution IN ('refund', 'exchange')),
    reason_code     text        NOT NULL,
    comment         text,
    staff_message   text,
    -- Exchange: replacement value minus returned value, in the order currency (positive: customer pays).
    price_difference bigint     NOT NULL DEFAULT 0,
    version         integer     NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX return_request_order ON return_request (order_id, created_at);
CREATE INDEX return_request_customer ON return_request (customer_id, created_at DESC, id DESC);
CREATE INDEX return_request_status ON return_request (status, created_at DESC);

CREATE TABLE return_line (
    return_id              uuid    NOT NULL REFERENCES return_request (id) ON DELETE CASCADE,
    order_line_id          uuid    NOT NULL REFERENCES order_line (id),
    quantity               integer NOT NULL CHECK (quantity > 0),
    replacement_variant_id uuid    REFERENCES variant (id),
    replacement_unit_price bigint,
    -- Filled when staff receive the goods: restocked + damaged = quantity.
    restocked              integer NOT NULL DEFAULT 0 CHECK (restocked >= 0),
    damaged                integer NOT NULL DEFAULT 0 CHECK (damaged >= 0),
    CHECK (restocked + damaged <= quantity),
    PRIMARY KEY (return_id, order_line_id)
);
CREATE INDEX return_line_order_line ON return_line (order_line_id);

CREATE TABLE return_status_history (
    id          uuid        PRIMARY KEY,
    return_id   uuid        NOT NULL REFERENCES return_request (id) ON DELETE CASCADE,
    from_status text,
    to_status   text        NOT NULL,
    actor_type  text        NOT NULL CHECK (actor_type IN ('customer', 'staff', 'system')),
    actor_id    uuid,
    reason      text,
    created_at  timestamptz NOT NULL
);
CREATE INDEX return_status_history_return ON return_status_history (return_id, created_at, id);

CREATE TABLE refund (
    id          uuid        PRIMARY KEY,
    order_id    uuid        NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    return_id   uuid        REFERENCES return_request (id),
    kind        text        NOT NULL CHECK (kind IN ('return', 'goodwill', 'exchange')),
    -- pending while the provider is asked; failed refunds give their amount back to refundable.
    status      text        NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    amount      bigint      NOT NULL CHECK (amount > 0),
    shipping_amount bigint  NOT NULL DEFAULT 0 CHECK (shipping_amount >= 0),
    currency    char(3)     NOT NULL,
    provider    text        NOT NULL,
    reason      text        NOT NULL,
    staff_id    uuid        NOT NULL,
    failure     text,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX refund_order ON refund (order_id, created_at);
-- A return is refunded at most once, whatever retries or races happen.
CREATE UNIQUE INDEX refund_one_per_return ON refund (return_id) WHERE return_id IS NOT NULL AND status <> 'failed';

-- Extra money an exchange asks for (a dearer replacement): an order-level payment record, collected
-- through the order's provider (manual: staff mark it paid like the order payment).
CREATE TABLE order_extra_payment (
    id          uuid        PRIMARY KEY,
    order_id    uuid        NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    return_id   uuid        NOT NULL REFERENCES return_request (id),
    provider    text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('pending', 'succeeded')),
    amount      bigint      NOT NULL CHECK (amount > 0),
    currency    char(3)     NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX order_extra_payment_one_per_return ON order_extra_payment (return_id);

-- Exchange replacements are held like checkout reservations, but per return.
CREATE TABLE return_reservation (
    return_id   uuid        NOT NULL REFERENCES return_request (id) ON DELETE CASCADE,
    variant_id  uuid        NOT NULL REFERENCES variant (id),
    quantity    integer     NOT NULL CHECK (quantity > 0),
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (return_id, variant_id)
);
