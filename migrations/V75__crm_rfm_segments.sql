-- Segments (issue #8): RFM scores, order-line facts for "category bought", staff-defined dynamic segments,
-- and the birth date occasion campaigns need.

-- The customer (or staff) may record a birth date; the birthday greeting uses month and day only.
ALTER TABLE crm_contact ADD COLUMN birth_date date;

-- Lines of customers' orders as the CRM heard them (order.placed), with the product's categories at the
-- time of purchase, so "bought in category X" never reads store tables.
CREATE TABLE crm_order_line_fact (
    order_id     uuid        NOT NULL,
    line_no      integer     NOT NULL,
    customer_id  uuid        NOT NULL,
    product_id   uuid,
    category_ids uuid[]      NOT NULL DEFAULT '{}',
    quantity     integer     NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id, line_no)
);
CREATE INDEX crm_order_line_fact_customer ON crm_order_line_fact (customer_id);
CREATE INDEX crm_order_line_fact_categories ON crm_order_line_fact USING gin (category_ids);

-- The one mapping from quintile scores to a named segment (docs/SEGMENTS.md), used by the full refresh and
-- the per-customer update alike, so both always agree. First matching row wins.
CREATE FUNCTION crm_rfm_segment(r integer, f integer, m integer) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE
        WHEN r >= 4 AND f >= 4 AND m >= 4 THEN 'champions'
        WHEN r >= 3 AND f >= 4 THEN 'loyal'
        WHEN r >= 4 AND f = 1 THEN 'new'
        WHEN r >= 3 THEN 'potential'
        WHEN f >= 3 THEN 'at_risk'
        WHEN r = 2 THEN 'hibernating'
        ELSE 'lost'
    END;

-- One row per customer with at least one order that counts (paid, not cancelled, not fully refunded).
CREATE TABLE crm_rfm_score (
    customer_id   uuid        PRIMARY KEY,
    last_order_at timestamptz NOT NULL,
    order_count   integer     NOT NULL,
    -- Net spend (total - refunded) in minor units of the RFM currency (crm_segment_settings).
    monetary      bigint      NOT NULL,
    r_score       smallint    NOT NULL CHECK (r_score BETWEEN 1 AND 5),
    f_score       smallint    NOT NULL CHECK (f_score BETWEEN 1 AND 5),
    m_score       smallint    NOT NULL CHECK (m_score BETWEEN 1 AND 5),
    segment       text        NOT NULL CHECK (segment IN ('champions', 'loyal', 'potential', 'new', 'at_risk',
                                                          'hibernating', 'lost')),
    computed_at   timestamptz NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX crm_rfm_score_segment ON crm_rfm_score (segment, customer_id);
-- The per-customer update ranks one customer against the stored scores with three counts.
CREATE INDEX crm_rfm_score_recency ON crm_rfm_score (last_order_at);
CREATE INDEX crm_rfm_score_frequency ON crm_rfm_score (order_count);
CREATE INDEX crm_rfm_score_monetary ON crm_rfm_score (monetary);

-- Shop-wide settings of segments and campaigns: one row, edited by staff.
CREATE TABLE crm_segment_settings (
    id                    integer     PRIMARY KEY CHECK (id = 1),
    rfm_currency          text        NOT NULL DEFAULT 'IRR',
    cap_max_messages      integer     NOT NULL DEFAULT 3 CHECK (cap_max_messages >= 1),
    cap_window_days       integer     NOT NULL DEFAULT 7 CHECK (cap_window_days >= 1),
    -- Claimed with FOR UPDATE SKIP LOCKED by the refresh job, so one instance refreshes at a time.
    rfm_refreshed_at      timestamptz,
    -- High-water mark of the "new products" occasion: products published after it are still to announce.
    new_products_until    timestamptz,
    occasions_run_on      date,
    updated_at            timestamptz NOT NULL DEFAULT now(),
    created_at            timestamptz NOT NULL DEFAULT now()
);
INSERT INTO crm_segment_settings (id) VALUES (1);

-- Staff-defined rule-based segments; rules are validated JSON compiled to one parameterised query.
CREATE TABLE crm_segment (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL UNIQUE,
    rules      jsonb       NOT NULL,
    created_by uuid,
    version    integer     NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

-- Campaigns: a message (or survey) to a segment, now or at send_at, optionally repeated (surveys).
CREATE TABLE crm_campaign (
    id                 uuid        PRIMARY KEY,
    name               text        NOT NULL,
    kind               text        NOT NULL CHECK (kind IN ('message', 'survey')),
    channel            text        NOT NULL CHECK (channel IN ('email', 'sms')),
    template           text,
    params             jsonb       NOT NULL DEFAULT '{}',
    survey_template_id uuid,
    rfm_segment        text,
    segment_id         uuid        REFERENCES crm_segment (id),
    status             text        NOT NULL CHECK (status IN ('scheduled', 'sending', 'sent', 'cancelled')),
    send_at            timestamptz NOT NULL,
    repeat_every_days  integer     CHECK (repeat_every_days >= 1),
    runs               integer     NOT NULL DEFAULT 0,
    last_run_at        timestamptz,
    created_by         uuid,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    CHECK ((rfm_segment IS NULL) <> (segment_id IS NULL))
);
-- The dispatcher looks only at scheduled campaigns by due time.
CREATE INDEX crm_campaign_due ON crm_campaign (send_at) WHERE status = 'scheduled';

-- One row per campaign run and person: the primary key makes "sent once per recipient" hold even when
-- two dispatchers race.
CREATE TABLE crm_campaign_recipient (
    campaign_id uuid        NOT NULL REFERENCES crm_campaign (id),
    run         integer     NOT NULL,
    customer_id uuid        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('queued', 'skipped_no_consent', 'skipped_frequency_cap',
                                                       'failed')),
    message_id  uuid,
    detail      text,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (campaign_id, run, customer_id)
);
CREATE INDEX crm_campaign_recipient_message ON crm_campaign_recipient (message_id) WHERE message_id IS NOT NULL;

-- Occasion greetings sent: at most one per customer, occasion and key (the year, or the product batch).
CREATE TABLE crm_occasion_sent (
    customer_id uuid        NOT NULL,
    occasion    text        NOT NULL CHECK (occasion IN ('birthday', 'purchase_anniversary', 'new_products')),
    occasion_key text       NOT NULL,
    status      text        NOT NULL CHECK (status IN ('queued', 'skipped_no_consent', 'failed')),
    message_id  uuid,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (customer_id, occasion, occasion_key)
);

-- The frequency cap counts a customer's recent marketing messages.
CREATE INDEX crm_message_marketing ON crm_message (subject_id, created_at) WHERE category = 'marketing';
