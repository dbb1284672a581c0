-- Folds text for search so Persian and Arabic letter variants and digits compare equal
-- (ي/ی, ك/ک, ۰-۹/٠-٩/0-9) and case does not matter.
CREATE FUNCTION crm_fold(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN translate(lower(t), 'يكىة۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩', 'یکیه01234567890123456789');

ALTER TABLE crm_contact
    ADD COLUMN email_normalized            text,
    ADD COLUMN phone                       text,
    ADD COLUMN locale                      text        NOT NULL DEFAULT 'en',
    ADD COLUMN customer_type               text        NOT NULL DEFAULT 'individual'
        CHECK (customer_type IN ('individual', 'business')),
    ADD COLUMN company_name                text,
    ADD COLUMN tax_id                      text,
    ADD COLUMN account_manager_id          uuid,
    ADD COLUMN account_manager_assigned_at timestamptz,
    ADD COLUMN tags                        text[]      NOT NULL DEFAULT '{}',
    ADD COLUMN erased_at                   timestamptz,
    ADD COLUMN version                     integer     NOT NULL DEFAULT 1,
    ADD COLUMN updated_at                  timestamptz;
UPDATE crm_contact SET email_normalized = lower(trim(email)) WHERE email_normalized IS NULL;
CREATE INDEX crm_contact_email ON crm_contact (email_normalized);
CREATE INDEX crm_contact_name_fold ON crm_contact (crm_fold(name) text_pattern_ops);
CREATE INDEX crm_contact_manager ON crm_contact (account_manager_id) WHERE account_manager_id IS NOT NULL;
CREATE INDEX crm_contact_tags ON crm_contact USING gin (tags);

-- The CRM's own copy of the order facts it hears through intake: enough for lifetime value,
-- order count and AOV without reading store tables. Money in minor units of currency.
CREATE TABLE crm_order_ledger (
    order_id        uuid        PRIMARY KEY,
    customer_id     uuid        NOT NULL,
    order_number    text,
    currency        text        NOT NULL,
    total_amount    bigint      NOT NULL CHECK (total_amount >= 0),
    refunded_amount bigint      NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0),
    status          text        NOT NULL CHECK (status IN ('placed', 'paid', 'cancelled', 'shipped', 'delivered')),
    placed_at       timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX crm_order_ledger_customer ON crm_order_ledger (customer_id, placed_at);
CREATE INDEX crm_order_ledger_number ON crm_order_ledger (order_number);

CREATE TABLE crm_return_ledger (
    return_id    uuid        PRIMARY KEY,
    customer_id  uuid        NOT NULL,
    order_id     uuid        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('requested', 'received', 'refunded')),
    requested_at timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX crm_return_ledger_open ON crm_return_ledger (customer_id) WHERE status <> 'refunded';
