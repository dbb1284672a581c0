-- After-sales tickets (issue #7): complaints, suggestions, criticism and questions, with a message
-- thread, status history, SLA targets fixed when the ticket is opened, escalation and CSAT.
CREATE TABLE crm_ticket (
    id                          uuid        PRIMARY KEY,
    customer_id                 uuid        NOT NULL,
    type                        text        NOT NULL CHECK (type IN ('complaint', 'suggestion', 'criticism', 'question')),
    subject                     text        NOT NULL,
    priority                    text        NOT NULL CHECK (priority IN ('urgent', 'high', 'normal', 'low')),
    status                      text        NOT NULL CHECK (status IN ('new', 'open', 'waiting_on_customer', 'resolved', 'closed')),
    channel                     text        NOT NULL,
    order_id                    uuid,
    order_number                text,
    product_ref                 text,
    assignee_id                 uuid,
    opened_by_staff_id          uuid,
    source                      text        NOT NULL DEFAULT 'customer',
    first_response_due_at       timestamptz NOT NULL,
    resolution_due_at           timestamptz NOT NULL,
    first_responded_at          timestamptz,
    resolved_at                 timestamptz,
    closed_at                   timestamptz,
    first_response_breached_at  timestamptz,
    resolution_breached_at      timestamptz,
    escalated_at                timestamptz,
    csat_score                  int         CHECK (csat_score BETWEEN 1 AND 5),
    csat_comment                text,
    csat_answered_at            timestamptz,
    created_at                  timestamptz NOT NULL,
    updated_at                  timestamptz NOT NULL
);
CREATE INDEX crm_ticket_customer ON crm_ticket (customer_id, created_at DESC, id DESC);
CREATE INDEX crm_ticket_queue ON crm_ticket (created_at DESC, id DESC);
-- The breach job scans only tickets still owing a response or a resolution.
CREATE INDEX crm_ticket_sla_open ON crm_ticket (first_response_due_at, resolution_due_at)
    WHERE status IN ('new', 'open', 'waiting_on_customer');
-- One ticket per detractor survey answer (or other automatic source), so a replay opens none.
CREATE UNIQUE INDEX crm_ticket_source_key ON crm_ticket (source) WHERE source <> 'customer' AND source <> 'staff';

CREATE TABLE crm_ticket_message (
    id          uuid        PRIMARY KEY,
    ticket_id   uuid        NOT NULL REFERENCES crm_ticket (id),
    author_type text        NOT NULL CHECK (author_type IN ('customer', 'staff', 'system')),
    author_id   uuid,
    body        text        NOT NULL,
    -- 'flagged': held by the moderation filter, visible to staff only.
    visibility  text        NOT NULL CHECK (visibility IN ('published', 'flagged', 'internal')),
    created_at  timestamptz NOT NULL
);
CREATE INDEX crm_ticket_message_ticket ON crm_ticket_message (ticket_id, created_at, id);

CREATE TABLE crm_ticket_history (
    id          uuid        PRIMARY KEY,
    ticket_id   uuid        NOT NULL REFERENCES crm_ticket (id),
    event       text        NOT NULL,
    from_status text,
    to_status   text,
    actor_type  text        NOT NULL CHECK (actor_type IN ('customer', 'staff', 'system')),
    actor_id    uuid,
    note        text,
    created_at  timestamptz NOT NULL
);
CREATE INDEX crm_ticket_history_ticket ON crm_ticket_history (ticket_id, created_at, id);

-- Goodwill granted on resolution: the intent is recorded here; the store carries it out through
-- the GoodwillPort (status 'recorded' until it does).
CREATE TABLE crm_ticket_goodwill (
    id         uuid        PRIMARY KEY,
    ticket_id  uuid        NOT NULL REFERENCES crm_ticket (id),
    staff_id   uuid        NOT NULL,
    kind       text        NOT NULL CHECK (kind IN ('refund', 'points')),
    amount     bigint      NOT NULL CHECK (amount > 0),
    currency   text,
    reason     text        NOT NULL,
    status     text        NOT NULL CHECK (status IN ('recorded', 'granted', 'failed')),
    created_at timestamptz NOT NULL
);
CREATE INDEX crm_ticket_goodwill_ticket ON crm_ticket_goodwill (ticket_id, created_at);

-- Work for staff: escalations now, follow-up actions later. assignee_role 'manager' with no
-- assignee means "any manager".
CREATE TABLE crm_staff_task (
    id            uuid        PRIMARY KEY,
    customer_id   uuid,
    ticket_id     uuid        REFERENCES crm_ticket (id),
    title         text        NOT NULL,
    assignee_id   uuid,
    assignee_role text        NOT NULL CHECK (assignee_role IN ('support', 'manager', 'admin')),
    due_at        timestamptz NOT NULL,
    status        text        NOT NULL CHECK (status IN ('open', 'done')),
    source_key    text        UNIQUE,
    completed_by  uuid,
    completed_at  timestamptz,
    created_at    timestamptz NOT NULL
);
CREATE INDEX crm_staff_task_open ON crm_staff_task (status, due_at);
