package io.bazaar.crm.followup.persistence;

import java.time.Instant;
import java.util.UUID;

public record FollowUpJobRow(UUID id, UUID ruleId, String subjectKey, UUID customerId, UUID orderId, UUID ticketId,
                             String trigger, Instant factAt, Instant dueAt, String status, String reason,
                             String consentPurpose, int deferrals, String resultRef, Instant finishedAt,
                             Instant createdAt, Instant updatedAt) {
}
