-- Surveys (issue #7): templates with questions per locale, invitations answered once through a
-- signed link, and one row per answered question so results aggregate in SQL.
CREATE TABLE crm_survey_template (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL,
    locale     text        NOT NULL CHECK (locale IN ('fa', 'en')),
    questions  jsonb       NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE crm_survey_invitation (
    id           uuid        PRIMARY KEY,
    template_id  uuid        NOT NULL REFERENCES crm_survey_template (id),
    customer_id  uuid        NOT NULL,
    order_id     uuid,
    product_ref  text,
    category_ref text,
    expires_at   timestamptz NOT NULL,
    answered_at  timestamptz,
    ticket_id    uuid,
    created_at   timestamptz NOT NULL
);
CREATE INDEX crm_survey_invitation_customer ON crm_survey_invitation (customer_id, created_at);

CREATE TABLE crm_survey_answer (
    id            uuid        PRIMARY KEY,
    invitation_id uuid        NOT NULL REFERENCES crm_survey_invitation (id),
    template_id   uuid        NOT NULL,
    question_key  text        NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('nps', 'csat', 'single_choice', 'multiple_choice', 'free_text')),
    score         int,
    choices       text[],
    text_answer   text,
    product_ref   text,
    category_ref  text,
    answered_at   timestamptz NOT NULL,
    created_at    timestamptz NOT NULL,
    UNIQUE (invitation_id, question_key)
);
CREATE INDEX crm_survey_answer_results ON crm_survey_answer (template_id, answered_at);
