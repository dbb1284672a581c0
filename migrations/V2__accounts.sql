CREATE TABLE customer (
    id               uuid        PRIMARY KEY,
    email            text        NOT NULL,
    -- Lower-cased, trimmed, NFC: the identity used for sign-in and uniqueness.
    email_normalized text        NOT NULL UNIQUE,
    password_hash    text        NOT NULL,
    name             text,
    phone            text,
    locale           text        NOT NULL DEFAULT 'en',
    customer_type    text        NOT NULL DEFAULT 'individual' CHECK (customer_type IN ('individual', 'business')),
    company_name     text,
    tax_id           text,
    version          integer     NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);

CREATE TABLE staff_account (
    id               uuid        PRIMARY KEY,
    email            text        NOT NULL,
    email_normalized text        NOT NULL UNIQUE,
    password_hash    text        NOT NULL,
    name             text        NOT NULL,
    role             text        NOT NULL CHECK (role IN ('support', 'manager', 'admin')),
    active           boolean     NOT NULL DEFAULT true,
    created_by       uuid        REFERENCES staff_account (id),
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);

-- Bearer sessions. Only the SHA-256 of the token is stored: a database leak reveals no usable token.
CREATE TABLE auth_session (
    id           uuid        PRIMARY KEY,
    token_hash   bytea       NOT NULL UNIQUE,
    subject_type text        NOT NULL CHECK (subject_type IN ('customer', 'staff')),
    subject_id   uuid        NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz
);
CREATE INDEX auth_session_subject ON auth_session (subject_type, subject_id) WHERE revoked_at IS NULL;
CREATE INDEX auth_session_expires ON auth_session (expires_at);
