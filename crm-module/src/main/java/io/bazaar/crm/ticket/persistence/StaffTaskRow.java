package io.bazaar.crm.ticket.persistence;

import java.time.Instant;
import java.util.UUID;

public record StaffTaskRow(UUID id, UUID customerId, UUID ticketId, String title, UUID assigneeId,
                           String assigneeRole, Instant dueAt, String status, UUID completedBy, Instant completedAt,
                           Instant createdAt) {
}
