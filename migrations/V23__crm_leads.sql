-- People who showed interest without an account. One lead per normalised email; converted when an
-- account with that email is registered.
CREATE TABLE crm_lead (
    id                    uuid        PRIMARY KEY,
    email                 text        NOT NULL,
    email_normalized      text        NOT NULL UNIQUE,
    name                  text,
    locale                text        NOT NULL DEFAULT 'en',
    source                text        NOT NULL CHECK (source IN ('newsletter', 'question')),
    converted_customer_id uuid,
    converted_at          timestamptz,
    erased_at             timestamptz,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL
);
CREATE INDEX crm_lead_converted ON crm_lead (converted_at) WHERE converted_at IS NOT NULL;

CREATE TABLE crm_lead_question (
    id         uuid        PRIMARY KEY,
    lead_id    uuid        NOT NULL REFERENCES crm_lead (id),
    question   text        NOT NULL,
    product_ref text,
    created_at timestamptz NOT NULL
);
CREATE INDEX crm_lead_question_lead ON crm_lead_question (lead_id, created_at);
