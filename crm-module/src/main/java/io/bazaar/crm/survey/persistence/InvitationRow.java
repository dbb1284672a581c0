package io.bazaar.crm.survey.persistence;

import java.time.Instant;
import java.util.UUID;

public record InvitationRow(UUID id, UUID templateId, UUID customerId, UUID orderId, String productRef,
                            String categoryRef, Instant expiresAt, Instant answeredAt, UUID ticketId,
                            Instant createdAt) {
}
