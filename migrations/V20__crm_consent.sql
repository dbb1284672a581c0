-- Consent ledger. subject_id is the person the consent belongs to: a customer id, or a lead id for
-- people who subscribed without an account. Every change is appended to crm_consent_event (never
-- updated or deleted, so the history can be shown to an auditor); crm_consent is the current state,
-- kept in the same transaction as the ledger row.
CREATE TABLE crm_consent_event (
    id             uuid        PRIMARY KEY,
    subject_id     uuid        NOT NULL,
    channel        text        NOT NULL CHECK (channel IN ('email', 'sms')),
    purpose        text        NOT NULL CHECK (purpose IN ('marketing', 'surveys', 'order_updates')),
    granted        boolean     NOT NULL,
    source         text        NOT NULL,
    policy_version text        NOT NULL,
    occurred_at    timestamptz NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX crm_consent_event_subject ON crm_consent_event (subject_id, occurred_at DESC, id DESC);

CREATE TABLE crm_consent (
    subject_id     uuid        NOT NULL,
    channel        text        NOT NULL CHECK (channel IN ('email', 'sms')),
    purpose        text        NOT NULL CHECK (purpose IN ('marketing', 'surveys', 'order_updates')),
    granted        boolean     NOT NULL,
    source         text        NOT NULL,
    policy_version text        NOT NULL,
    updated_at     timestamptz NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (subject_id, channel, purpose)
);
