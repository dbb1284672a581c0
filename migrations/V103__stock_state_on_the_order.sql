-- An order's stock is held, consumed (paid) or released (cancelled or expired) as a whole: every path settled all
-- of an order's reservation rows at once, and the rows repeated the order lines' variants and quantities. The state
-- moves onto the order, and the checkout writes one row fewer (with its index entry, two foreign-key checks and two
-- CHECK constraints).
ALTER TABLE customer_order ADD COLUMN stock_state text;

UPDATE customer_order o SET stock_state = r.state
FROM (SELECT order_id,
             CASE WHEN bool_or(state = 'held') THEN 'held'
                  WHEN bool_or(state = 'released') THEN 'released'
                  ELSE 'consumed' END AS state
      FROM stock_reservation GROUP BY order_id) r
WHERE r.order_id = o.id;

-- An order without reservation rows holds nothing.
UPDATE customer_order SET stock_state = 'consumed' WHERE stock_state IS NULL;

-- held -> consumed (paid) or held -> released (expired or cancelled); each exactly once.
ALTER TABLE customer_order
    ALTER COLUMN stock_state SET DEFAULT 'held',
    ALTER COLUMN stock_state SET NOT NULL,
    ADD CONSTRAINT customer_order_stock_state CHECK (stock_state IN ('held', 'consumed', 'released'));

DROP TABLE stock_reservation;
