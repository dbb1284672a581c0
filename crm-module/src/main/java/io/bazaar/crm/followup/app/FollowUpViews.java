package io.bazaar.crm.followup.app;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the follow-up endpoints answer. Durations are ISO-8601 (PT72H) plus their seconds. */
public final class FollowUpViews {
    private FollowUpViews() {
    }

    public record Filter(List<UUID> productIds, List<UUID> categoryIds, List<String> customerTags, UUID segmentId) {
    }

    /** {@code type} send_survey uses surveyTemplateId; send_message template and params; create_staff_task the rest. */
    public record Action(String type, UUID surveyTemplateId, String template, Map<String, String> params, String title,
                         String assigneeRole, String dueIn, Long dueInSeconds, String kind) {
    }

    public record Rule(UUID id, String name, String trigger, Integer triggerDays, String delay, long delaySeconds,
                       Filter filter, Action action, boolean enabled, Instant createdAt, Instant updatedAt) {
    }

    public record Job(UUID id, UUID ruleId, String trigger, UUID customerId, UUID orderId, UUID ticketId,
                      Instant factAt, Instant dueAt, String status, String reason, String consentPurpose,
                      int deferrals, String resultRef, Instant finishedAt, Instant createdAt) {
    }

    /** What one run of the executor did. */
    public record RunResult(int done, int skipped, int cancelled, int deferred) {
        public int total() {
            return done + skipped + cancelled + deferred;
        }
    }
}
