-- Follow-up rules and their durable jobs (issue #7, part 1). A rule says "when <trigger> happens,
-- after <delay>, do <action>"; the intake schedules one job per (rule, subject) in the transaction
-- that records the fact, and the executor performs it once.
CREATE TABLE crm_follow_up_rule (
    id                  uuid        PRIMARY KEY,
    name                text        NOT NULL,
    trigger             text        NOT NULL CHECK (trigger IN ('order_delivered', 'return_received',
                                        'ticket_resolved', 'first_order', 'no_order_for_days')),
    -- Only for no_order_for_days: the quiet period after an order that fires the rule.
    trigger_days        int         CHECK (trigger_days BETWEEN 1 AND 3650),
    delay_seconds       bigint      NOT NULL CHECK (delay_seconds >= 0),
    product_ids         uuid[]      NOT NULL DEFAULT '{}',
    customer_tags       text[]      NOT NULL DEFAULT '{}',
    action              text        NOT NULL CHECK (action IN ('send_survey', 'send_message', 'create_staff_task')),
    survey_template_id  uuid        REFERENCES crm_survey_template (id),
    message_template    text,
    message_params      jsonb       NOT NULL DEFAULT '{}',
    task_title          text,
    task_assignee_role  text        CHECK (task_assignee_role IN ('support', 'manager', 'admin')),
    task_due_in_seconds bigint      CHECK (task_due_in_seconds > 0),
    task_kind           text        CHECK (task_kind IN ('interactive', 'physical')),
    enabled             boolean     NOT NULL,
    deleted_at          timestamptz,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    CHECK ((trigger = 'no_order_for_days') = (trigger_days IS NOT NULL)),
    CHECK (action <> 'send_survey' OR survey_template_id IS NOT NULL),
    CHECK (action <> 'send_message' OR message_template IS NOT NULL),
    CHECK (action <> 'create_staff_task' OR (task_title IS NOT NULL AND task_assignee_role IS NOT NULL
                                             AND task_due_in_seconds IS NOT NULL AND task_kind IS NOT NULL))
);
CREATE INDEX crm_follow_up_rule_trigger ON crm_follow_up_rule (trigger) WHERE enabled;

-- subject_key is the order id (order and return triggers) or the ticket id (ticket_resolved): the
-- unique key makes a fact delivered twice schedule one job, so each follow-up happens once per order.
CREATE TABLE crm_follow_up_job (
    id              uuid        PRIMARY KEY,
    rule_id         uuid        NOT NULL REFERENCES crm_follow_up_rule (id),
    subject_key     text        NOT NULL,
    customer_id     uuid        NOT NULL,
    order_id        uuid,
    ticket_id       uuid,
    trigger         text        NOT NULL,
    fact_at         timestamptz NOT NULL,
    due_at          timestamptz NOT NULL,
    status          text        NOT NULL CHECK (status IN ('pending', 'done', 'cancelled', 'skipped')),
    reason          text,
    -- The consent the action needs (surveys, marketing), so a withdrawal cancels exactly those.
    consent_purpose text,
    deferrals       int         NOT NULL DEFAULT 0,
    result_ref      text,
    finished_at     timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    UNIQUE (rule_id, subject_key)
);
-- The executor scans only pending rows by due time.
CREATE INDEX crm_follow_up_job_due ON crm_follow_up_job (due_at) WHERE status = 'pending';
CREATE INDEX crm_follow_up_job_order ON crm_follow_up_job (order_id) WHERE status = 'pending';
CREATE INDEX crm_follow_up_job_customer ON crm_follow_up_job (customer_id, status);
CREATE INDEX crm_follow_up_job_list ON crm_follow_up_job (created_at DESC, id DESC);

-- The products of each order the CRM heard of (from order.placed), for rule product filters and the
-- review request's links.
CREATE TABLE crm_order_item (
    order_id   uuid        NOT NULL,
    product_id uuid        NOT NULL,
    title      text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (order_id, product_id)
);

-- The defaults ship enabled: a satisfaction survey 3 days after delivery and a review request 10 days
-- after delivery. Fixed ids so the docs and staff can refer to them.
INSERT INTO crm_survey_template (id, name, locale, questions, created_at) VALUES (
    '0190a000-0000-7000-8000-000000000701', 'After delivery (default)', 'en',
    '[{"key":"recommend","kind":"NPS","text":"How likely are you to recommend us to a friend?","options":[],"required":true},
      {"key":"delivery","kind":"CSAT","text":"How satisfied are you with this order?","options":[],"required":true},
      {"key":"comment","kind":"FREE_TEXT","text":"Anything we could do better?","options":[],"required":false}]',
    now());

INSERT INTO crm_follow_up_rule (id, name, trigger, delay_seconds, action, survey_template_id, enabled, created_at,
                                updated_at)
VALUES ('0190a000-0000-7000-8000-000000000801', 'Satisfaction survey 3 days after delivery', 'order_delivered',
        259200, 'send_survey', '0190a000-0000-7000-8000-000000000701', true, now(), now());

INSERT INTO crm_follow_up_rule (id, name, trigger, delay_seconds, action, message_template, enabled, created_at,
                                updated_at)
VALUES ('0190a000-0000-7000-8000-000000000802', 'Review request 10 days after delivery', 'order_delivered',
        864000, 'send_message', 'review_request', true, now(), now());
