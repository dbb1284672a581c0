package io.bazaar.crm.followup.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record FollowUpRuleRow(UUID id, String name, String trigger, Integer triggerDays, long delaySeconds,
                              List<UUID> productIds, List<UUID> categoryIds, List<String> customerTags, UUID segmentId, String action, UUID surveyTemplateId,
                              String messageTemplate, String messageParams, String taskTitle, String taskAssigneeRole,
                              Long taskDueInSeconds, String taskKind, boolean enabled, Instant createdAt,
                              Instant updatedAt) {
}
