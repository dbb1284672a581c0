package io.bazaar.crm.task.persistence;

import java.time.Instant;
import java.util.UUID;

public record StaffTaskRow(UUID id, UUID customerId, UUID ticketId, UUID orderId, String title, String notes,
                           UUID assigneeId, String assigneeRole, Instant dueAt, String status, String kind,
                           String source, UUID createdBy, UUID completedBy, Instant completedAt, String outcome,
                           Instant cancelledAt, Instant createdAt) {
}
