-- Segments (V75) and metrics (V90) each kept the lines of the orders the CRM hears: one table now.
-- crm_order_line_ledger gains the categories of each line at the time of purchase ("bought in category
-- X" segments and the new-products occasion); the customer comes from crm_order_ledger.
ALTER TABLE crm_order_line_ledger ADD COLUMN category_ids uuid[] NOT NULL DEFAULT '{}';
UPDATE crm_order_line_ledger l SET category_ids = f.category_ids
  FROM crm_order_line_fact f WHERE f.order_id = l.order_id AND f.line_no = l.line_no;
INSERT INTO crm_order_line_ledger (order_id, line_no, product_id, title, quantity, line_total, category_ids, created_at)
SELECT f.order_id, f.line_no, f.product_id, '', f.quantity, 0, f.category_ids, f.created_at
  FROM crm_order_line_fact f
 WHERE NOT EXISTS (SELECT 1 FROM crm_order_line_ledger l WHERE l.order_id = f.order_id AND l.line_no = f.line_no);
DROP TABLE crm_order_line_fact;
CREATE INDEX crm_order_line_ledger_categories ON crm_order_line_ledger USING gin (category_ids);
