-- Nothing reads outbox events by aggregate: the dispatcher claims due deliveries (outbox_delivery_due) and
-- joins their events by id. The index cost an entry for every event written, one per checkout among them.
DROP INDEX IF EXISTS outbox_event_aggregate;
