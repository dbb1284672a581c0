-- FAQ (issue #7, part 4): categories and entries per locale, Persian-aware search through crm_fold
-- (V22), "was this helpful" votes, and the suggestions shown before a ticket so deflection can be measured.
CREATE TABLE crm_faq_category (
    id         uuid        PRIMARY KEY,
    locale     text        NOT NULL CHECK (locale IN ('fa', 'en')),
    name       text        NOT NULL,
    position   int         NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE crm_faq_entry (
    id           uuid        PRIMARY KEY,
    category_id  uuid        NOT NULL REFERENCES crm_faq_category (id),
    locale       text        NOT NULL CHECK (locale IN ('fa', 'en')),
    question     text        NOT NULL,
    answer       text        NOT NULL,
    published    boolean     NOT NULL,
    position     int         NOT NULL DEFAULT 0,
    helpful_yes  bigint      NOT NULL DEFAULT 0,
    helpful_no   bigint      NOT NULL DEFAULT 0,
    -- Folded once on write (ي/ی, ك/ک, digits, case; zero-width non-joiner removed) so a search folds
    -- only the query.
    search_text  text        GENERATED ALWAYS AS
                     (crm_fold(replace(question || ' ' || answer, U&'\200C', ''))) STORED,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);
CREATE INDEX crm_faq_entry_category ON crm_faq_entry (category_id, position, id);
CREATE INDEX crm_faq_entry_locale ON crm_faq_entry (locale, published);

-- One vote per voter and entry (a voter is a signed-in customer or a hashed client address), so the
-- counts cannot be pumped by repeating the request; a voter may change their mind.
CREATE TABLE crm_faq_vote (
    entry_id   uuid        NOT NULL REFERENCES crm_faq_entry (id),
    voter_key  text        NOT NULL,
    helpful    boolean     NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (entry_id, voter_key)
);

-- Suggestions shown to a signed-in customer about to open a ticket.
CREATE TABLE crm_faq_suggestion_view (
    id              uuid        PRIMARY KEY,
    customer_id     uuid        NOT NULL,
    query           text        NOT NULL,
    entry_ids       uuid[]      NOT NULL,
    solved_entry_id uuid,
    solved_at       timestamptz,
    created_at      timestamptz NOT NULL
);
CREATE INDEX crm_faq_suggestion_view_time ON crm_faq_suggestion_view (created_at);
