-- Recommendations (issue #8, part 6).

-- "Frequently bought together", precomputed from paid orders by a cluster-safe job: for each product,
-- its top co-purchased products with the number of distinct orders holding both.
CREATE TABLE product_copurchase (
    product_id       uuid        NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    other_product_id uuid        NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    order_count      integer     NOT NULL CHECK (order_count > 0),
    created_at       timestamptz NOT NULL,
    PRIMARY KEY (product_id, other_product_id)
);
-- Reads: one product's neighbours by strength.
CREATE INDEX product_copurchase_rank ON product_copurchase (product_id, order_count DESC, other_product_id);

-- One row per precomputed recommendation table: when it was last rebuilt. The refresh job claims a due
-- row with a conditional update, so of several instances exactly one rebuilds per interval.
CREATE TABLE recommendation_refresh (
    name         text        PRIMARY KEY,
    refreshed_at timestamptz,
    source_rows  integer     NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL
);
INSERT INTO recommendation_refresh (name, refreshed_at, created_at) VALUES ('copurchase', NULL, now());
