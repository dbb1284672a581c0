package io.bazaar.crm.ticket.app;

import io.bazaar.crm.ticket.domain.SlaPolicy;
import io.bazaar.crm.ticket.domain.TicketPriority;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Ticket settings from the application's configuration.
 *
 * @param slaTargets overrides of {@link SlaPolicy#defaults()} per priority
 * @param blockedWords words or phrases that hold a customer's message for staff review
 * @param escalationTaskDue how long a manager has for the task an SLA breach creates
 * @param surveyLinkTtl how long a signed survey link can be answered
 */
public record TicketSettings(Map<TicketPriority, SlaPolicy.Target> slaTargets, List<String> blockedWords,
                             Duration escalationTaskDue, Duration surveyLinkTtl) {
    public TicketSettings {
        slaTargets = Map.copyOf(slaTargets);
        blockedWords = List.copyOf(blockedWords);
        Objects.requireNonNull(escalationTaskDue, "escalationTaskDue");
        Objects.requireNonNull(surveyLinkTtl, "surveyLinkTtl");
    }

    public static TicketSettings defaults() {
        return new TicketSettings(Map.of(), List.of(), Duration.ofHours(1), Duration.ofDays(30));
    }
}
