-- Follow-up rules may filter on the categories of the order's lines (issue #7), read like the product
-- filter from the CRM's one table of order lines, crm_order_line_ledger (V90, V97), which makes the
-- follow-ups' own copy of order products unnecessary.
ALTER TABLE crm_follow_up_rule ADD COLUMN category_ids uuid[] NOT NULL DEFAULT '{}';
DROP TABLE crm_order_item;

-- The default survey in Persian too: a survey rule sends the template of the same name in the
-- customer's locale when there is one (FollowUpService), so Persian customers get it in Persian.
INSERT INTO crm_survey_template (id, name, locale, questions, created_at) VALUES (
    '0190a000-0000-7000-8000-000000000702', 'After delivery (default)', 'fa',
    '[{"key":"recommend","kind":"NPS","text":"چقدر احتمال دارد ما را به یک دوست پیشنهاد کنید؟","options":[],"required":true},
      {"key":"delivery","kind":"CSAT","text":"از این سفارش چقدر راضی هستید؟","options":[],"required":true},
      {"key":"comment","kind":"FREE_TEXT","text":"چه کاری را می‌توانستیم بهتر انجام دهیم؟","options":[],"required":false}]',
    now());
