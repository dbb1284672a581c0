package io.bazaar.crm.ticket.persistence;

import java.time.Instant;
import java.util.UUID;

public record TicketMessageRow(UUID id, UUID ticketId, String authorType, UUID authorId, String body,
                               String visibility, Instant createdAt) {
}
