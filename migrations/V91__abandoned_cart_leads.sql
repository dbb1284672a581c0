-- Abandoned-cart leads (issue #6): a guest cart may carry an email; a job marks carts left open past the
-- configured time once (abandoned_at) and tells the CRM, which makes the email a lead.
ALTER TABLE cart ADD COLUMN email text;
ALTER TABLE cart ADD COLUMN abandoned_at timestamptz;
-- The abandonment job scans only open guest carts with an email that were not reported yet.
CREATE INDEX cart_abandonment_due ON cart (updated_at)
    WHERE status = 'open' AND email IS NOT NULL AND abandoned_at IS NULL;

ALTER TABLE crm_lead DROP CONSTRAINT crm_lead_source_check;
ALTER TABLE crm_lead ADD CONSTRAINT crm_lead_source_check
    CHECK (source IN ('newsletter', 'question', 'abandoned_cart'));
-- A lead converts by registering (converted_customer_id) or by ordering as a guest (converted_order_id);
-- converted_at keeps the first of the two.
ALTER TABLE crm_lead ADD COLUMN converted_order_id uuid;

-- The carts a lead left behind, one row per cart whatever redeliveries happen.
CREATE TABLE crm_lead_cart (
    cart_id      uuid        PRIMARY KEY,
    lead_id      uuid        NOT NULL REFERENCES crm_lead (id),
    item_count   integer     NOT NULL CHECK (item_count >= 0),
    abandoned_at timestamptz NOT NULL,
    created_at   timestamptz NOT NULL
);
CREATE INDEX crm_lead_cart_lead ON crm_lead_cart (lead_id);
