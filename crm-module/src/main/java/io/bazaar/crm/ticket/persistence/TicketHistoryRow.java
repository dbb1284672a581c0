package io.bazaar.crm.ticket.persistence;

import java.time.Instant;
import java.util.UUID;

public record TicketHistoryRow(UUID id, UUID ticketId, String event, String fromStatus, String toStatus,
                               String actorType, UUID actorId, String note, Instant createdAt) {
}
