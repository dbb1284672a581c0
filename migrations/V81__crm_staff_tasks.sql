-- Staff tasks (issue #7): created by staff or by follow-up rules, not only by SLA escalation. They can
-- be cancelled, say which kind of contact they stand for (a call or visit is physical, a written
-- follow-up interactive) and land on the customer's timeline.
ALTER TABLE crm_staff_task DROP CONSTRAINT crm_staff_task_status_check;
ALTER TABLE crm_staff_task ADD CONSTRAINT crm_staff_task_status_check
    CHECK (status IN ('open', 'done', 'cancelled'));
ALTER TABLE crm_staff_task
    ADD COLUMN kind         text        NOT NULL DEFAULT 'interactive' CHECK (kind IN ('interactive', 'physical')),
    ADD COLUMN notes        text,
    ADD COLUMN order_id     uuid,
    ADD COLUMN source       text        NOT NULL DEFAULT 'sla' CHECK (source IN ('sla', 'staff', 'follow_up')),
    ADD COLUMN created_by   uuid,
    ADD COLUMN outcome      text,
    ADD COLUMN cancelled_at timestamptz;
CREATE INDEX crm_staff_task_list ON crm_staff_task (created_at DESC, id DESC);
CREATE INDEX crm_staff_task_assignee ON crm_staff_task (assignee_id, status) WHERE assignee_id IS NOT NULL;
