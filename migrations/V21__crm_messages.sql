-- Notification outbox of the CRM. Rendered when queued (so the stored row is exactly what was sent),
-- consent checked when sent (so a withdrawal between queueing and sending is honoured).
CREATE TABLE crm_message (
    id              uuid        PRIMARY KEY,
    subject_id      uuid,
    channel         text        NOT NULL CHECK (channel IN ('email', 'sms')),
    category        text        NOT NULL CHECK (category IN ('transactional', 'marketing', 'survey')),
    -- The consent purpose checked at send time; null for messages every account holder gets (welcome).
    purpose         text        CHECK (purpose IN ('marketing', 'surveys', 'order_updates')),
    template        text        NOT NULL,
    locale          text        NOT NULL,
    recipient       text        NOT NULL,
    subject         text,
    body_text       text        NOT NULL,
    body_html       text,
    status          text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'suppressed')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    sent_at         timestamptz,
    -- e.g. 'welcome:<event id>': a redelivered intake event queues one message, not two.
    dedupe_key      text        UNIQUE,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
-- The sender polls only queued rows by due time; the partial index stays small as sent rows pile up.
CREATE INDEX crm_message_due ON crm_message (next_attempt_at, id) WHERE status = 'queued';
CREATE INDEX crm_message_subject ON crm_message (subject_id, created_at DESC);

-- With no SMTP host configured, emails are "delivered" here so staff can read them in development.
CREATE TABLE crm_dev_mailbox (
    id           uuid        PRIMARY KEY,
    message_id   uuid        NOT NULL,
    recipient    text        NOT NULL,
    subject      text,
    body_text    text        NOT NULL,
    body_html    text,
    headers      jsonb       NOT NULL DEFAULT '{}',
    delivered_at timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX crm_dev_mailbox_delivered ON crm_dev_mailbox (delivered_at DESC, id DESC);
