package io.bazaar.crm.ticket.persistence;

import java.time.Instant;
import java.util.UUID;

public record GoodwillRow(UUID id, UUID ticketId, UUID staffId, String kind, long amount, String currency,
                          String reason, String status, Instant createdAt) {
}
