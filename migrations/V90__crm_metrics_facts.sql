-- Metrics (issue #8): the product lines of the orders and returns the CRM hears through intake, so
-- return rate by product is computed from the CRM's own ledger like every other metric.

CREATE TABLE crm_order_line_ledger (
    order_id   uuid        NOT NULL,
    -- Position of the line in the order (1-based), so a redelivered fact inserts nothing new.
    line_no    integer     NOT NULL,
    product_id uuid,
    variant_id uuid,
    sku        text,
    title      text        NOT NULL,
    quantity   integer     NOT NULL CHECK (quantity > 0),
    line_total bigint      NOT NULL CHECK (line_total >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id, line_no)
);
CREATE INDEX crm_order_line_ledger_product ON crm_order_line_ledger (product_id);

CREATE TABLE crm_return_line_ledger (
    return_id  uuid        NOT NULL,
    line_no    integer     NOT NULL,
    order_id   uuid        NOT NULL,
    -- Resolved from crm_order_line_ledger by (order_id, variant_id) when the return is recorded.
    product_id uuid,
    variant_id uuid,
    sku        text,
    quantity   integer     NOT NULL CHECK (quantity > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (return_id, line_no)
);
CREATE INDEX crm_return_line_ledger_order ON crm_return_line_ledger (order_id);

-- Staff decisions on returns reach the CRM too (return-update emails; a rejected return is not a return).
ALTER TABLE crm_return_ledger DROP CONSTRAINT crm_return_ledger_status_check;
ALTER TABLE crm_return_ledger ADD CONSTRAINT crm_return_ledger_status_check
    CHECK (status IN ('requested', 'approved', 'rejected', 'received', 'refunded'));

-- Range scans of the metrics endpoints.
CREATE INDEX crm_order_ledger_placed ON crm_order_ledger (placed_at);
CREATE INDEX crm_timeline_occurred ON crm_timeline_entry (occurred_at);
CREATE INDEX crm_lead_created ON crm_lead (created_at);
CREATE INDEX crm_survey_answer_answered ON crm_survey_answer (answered_at) WHERE kind IN ('nps', 'csat');

-- One-time backfill of facts recorded before these tables existed, from the store's own order and
-- return lines (same database). From now on only intake writes these tables.
INSERT INTO crm_order_line_ledger (order_id, line_no, product_id, variant_id, sku, title, quantity, line_total)
SELECT l.order_id, row_number() OVER (PARTITION BY l.order_id ORDER BY l.position, l.id), l.product_id,
       l.variant_id, l.sku, l.title, l.quantity, l.line_total
FROM order_line l
JOIN crm_order_ledger o ON o.order_id = l.order_id;

INSERT INTO crm_return_line_ledger (return_id, line_no, order_id, product_id, variant_id, sku, quantity)
SELECT rl.return_id, row_number() OVER (PARTITION BY rl.return_id ORDER BY ol.position, ol.id), ol.order_id,
       ol.product_id, ol.variant_id, ol.sku, rl.quantity
FROM return_line rl
JOIN order_line ol ON ol.id = rl.order_line_id
JOIN crm_return_ledger r ON r.return_id = rl.return_id;

UPDATE crm_return_ledger c SET status = r.status
FROM return_request r
WHERE r.id = c.return_id AND r.status IN ('approved', 'rejected') AND c.status = 'requested';
