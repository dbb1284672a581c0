-- Transactional outbox: events are inserted in the same transaction as the change they describe.
CREATE TABLE outbox_event (
    id             uuid        PRIMARY KEY,
    type           text        NOT NULL,
    aggregate_type text        NOT NULL,
    aggregate_id   text        NOT NULL,
    payload        jsonb       NOT NULL,
    occurred_at    timestamptz NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_event_aggregate ON outbox_event (aggregate_type, aggregate_id);

-- One row per (event, consumer) so a failing consumer is retried alone.
CREATE TABLE outbox_delivery (
    event_id        uuid        NOT NULL REFERENCES outbox_event (id) ON DELETE CASCADE,
    consumer        text        NOT NULL,
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    delivered_at    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, consumer)
);
-- The dispatcher only ever scans pending rows by due time; a partial index keeps that scan small
-- however many delivered rows accumulate.
CREATE INDEX outbox_delivery_due ON outbox_delivery (next_attempt_at, event_id) WHERE status = 'pending';

-- Idempotency-Key records: the stored response of a POST, replayed for a retry with the same key.
CREATE TABLE idempotency_record (
    scope            text        NOT NULL,
    idempotency_key  text        NOT NULL,
    request_hash     text        NOT NULL,
    method           text        NOT NULL,
    path             text        NOT NULL,
    state            text        NOT NULL CHECK (state IN ('in_flight', 'completed')),
    response_status  integer,
    response_type    text,
    response_location text,
    response_body    bytea,
    created_at       timestamptz NOT NULL,
    completed_at     timestamptz,
    PRIMARY KEY (scope, idempotency_key)
);
CREATE INDEX idempotency_record_created ON idempotency_record (created_at);
