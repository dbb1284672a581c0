-- Exchanges end to end (issue #5): the extra payment a dearer replacement needs is collected and
-- recorded, and the replacement leaves as a shipment of its own; guests may ask for returns too.

ALTER TABLE order_extra_payment
    ADD COLUMN paid_by   uuid,
    ADD COLUMN paid_at   timestamptz,
    ADD COLUMN reference text;

-- A replacement shipment belongs to the order (tracking, carrier callbacks, the customer's view) but
-- carries no order lines: it must not count towards the order's fulfilment state.
ALTER TABLE shipment ADD COLUMN return_id uuid REFERENCES return_request (id);
-- One replacement shipment per exchange, whatever retries or races happen.
CREATE UNIQUE INDEX shipment_one_per_exchange ON shipment (return_id) WHERE return_id IS NOT NULL;

CREATE TABLE shipment_replacement_line (
    shipment_id uuid        NOT NULL REFERENCES shipment (id) ON DELETE CASCADE,
    variant_id  uuid        NOT NULL REFERENCES variant (id),
    sku         text        NOT NULL,
    title       text        NOT NULL,
    quantity    integer     NOT NULL CHECK (quantity > 0),
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (shipment_id, variant_id)
);

-- Guest orders have no customer; their returns are reached with the order access token.
ALTER TABLE return_request ALTER COLUMN customer_id DROP NOT NULL;
ALTER TABLE return_status_history DROP CONSTRAINT return_status_history_actor_type_check;
ALTER TABLE return_status_history ADD CONSTRAINT return_status_history_actor_type_check
    CHECK (actor_type IN ('customer', 'guest', 'staff', 'system'));
