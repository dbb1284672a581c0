-- Product reviews, product questions and answers, and the approved-only rating summary (issue #7, part 5).

-- One review per customer per product (the unique key is what makes a concurrent second POST a 409).
-- customer_id has no foreign key: erasure pseudonymises customers, and a review outlives that as
-- anonymous text.
CREATE TABLE product_review (
    id                 uuid        PRIMARY KEY,
    product_id         uuid        NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    customer_id        uuid        NOT NULL,
    -- The order whose delivered shipment proved the purchase.
    order_id           uuid,
    rating             smallint    NOT NULL CHECK (rating BETWEEN 1 AND 5),
    title              text        NOT NULL,
    body               text        NOT NULL,
    verified_purchase  boolean     NOT NULL,
    status             text        NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    -- Why the automatic filter held it ('blocked_word: ...', 'contains_link'); null when clean.
    flag_reason        text,
    moderation_message text,
    moderated_by       uuid,
    moderated_at       timestamptz,
    published_at       timestamptz,
    version            integer     NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    UNIQUE (product_id, customer_id)
);
-- The public list: approved reviews of one product, newest first, keyset.
CREATE INDEX product_review_public ON product_review (product_id, created_at DESC, id DESC) WHERE status = 'approved';
-- The staff moderation queue.
CREATE INDEX product_review_status ON product_review (status, created_at DESC, id DESC);
CREATE INDEX product_review_customer ON product_review (customer_id, created_at DESC, id DESC);

-- Approved reviews only, recomputed under this row's lock in the transaction that changes a review's
-- status or rating, so product detail reads one row instead of aggregating reviews.
CREATE TABLE product_rating (
    product_id   uuid        PRIMARY KEY REFERENCES product (id) ON DELETE CASCADE,
    review_count integer     NOT NULL DEFAULT 0,
    rating_sum   integer     NOT NULL DEFAULT 0,
    rating_1     integer     NOT NULL DEFAULT 0,
    rating_2     integer     NOT NULL DEFAULT 0,
    rating_3     integer     NOT NULL DEFAULT 0,
    rating_4     integer     NOT NULL DEFAULT 0,
    rating_5     integer     NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);

CREATE TABLE product_question (
    id                 uuid        PRIMARY KEY,
    product_id         uuid        NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    customer_id        uuid        NOT NULL,
    body               text        NOT NULL,
    status             text        NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    flag_reason        text,
    moderation_message text,
    moderated_by       uuid,
    moderated_at       timestamptz,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);
CREATE INDEX product_question_public ON product_question (product_id, created_at DESC, id DESC) WHERE status = 'approved';
CREATE INDEX product_question_status ON product_question (status, created_at DESC, id DESC);

-- Answers by staff (published at once) or by other customers (co-creation, moderated like reviews).
CREATE TABLE product_answer (
    id                 uuid        PRIMARY KEY,
    question_id        uuid        NOT NULL REFERENCES product_question (id) ON DELETE CASCADE,
    author_type        text        NOT NULL CHECK (author_type IN ('customer', 'staff')),
    author_id          uuid        NOT NULL,
    body               text        NOT NULL,
    verified_purchase  boolean     NOT NULL DEFAULT false,
    status             text        NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    flag_reason        text,
    moderation_message text,
    moderated_by       uuid,
    moderated_at       timestamptz,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);
CREATE INDEX product_answer_question ON product_answer (question_id, created_at, id);
CREATE INDEX product_answer_status ON product_answer (status, created_at DESC, id DESC);
