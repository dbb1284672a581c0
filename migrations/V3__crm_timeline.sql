-- The CRM's own view of a person. No foreign key to store tables: the CRM hears about customers
-- only through its intake contract.
CREATE TABLE crm_contact (
    customer_id        uuid        PRIMARY KEY,
    email              text        NOT NULL,
    name               text,
    became_customer_at timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE crm_timeline_entry (
    id              uuid        PRIMARY KEY,
    customer_id     uuid        NOT NULL,
    type            text        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('transactional', 'interactive', 'physical')),
    channel         text        NOT NULL CHECK (channel IN ('web', 'mobile', 'email', 'sms', 'phone', 'in_person', 'system')),
    summary         text        NOT NULL,
    refs            jsonb       NOT NULL DEFAULT '{}',
    occurred_at     timestamptz NOT NULL,
    -- The outbox event that carried the fact; unique so a redelivery cannot add a second entry.
    -- Null for entries staff log by hand.
    source_event_id uuid        UNIQUE,
    recorded_by     uuid,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX crm_timeline_customer ON crm_timeline_entry (customer_id, occurred_at DESC, id DESC);
