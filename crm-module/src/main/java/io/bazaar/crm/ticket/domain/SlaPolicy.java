package io.bazaar.crm.ticket.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * First-response and resolution targets per priority. Due times are fixed when a ticket is opened
 * (or its priority changes) from its creation time, so a later policy change never rewrites
 * history. Time spent waiting on the customer is not paused: the clock is wall time.
 */
public final class SlaPolicy {
    public record Target(Duration firstResponse, Duration resolution) {
        public Target {
            Objects.requireNonNull(firstResponse, "firstResponse");
            Objects.requireNonNull(resolution, "resolution");
            if (firstResponse.isNegative() || firstResponse.isZero() || resolution.compareTo(firstResponse) < 0) {
                throw new IllegalArgumentException("targets must be positive and resolution >= first response");
            }
        }
    }

    public record DueTimes(Instant firstResponseDueAt, Instant resolutionDueAt) {
    }

    private final Map<TicketPriority, Target> targets;

    public SlaPolicy(Map<TicketPriority, Target> configured) {
        Map<TicketPriority, Target> all = new EnumMap<>(defaults());
        all.putAll(configured);
        this.targets = Map.copyOf(all);
    }

    /** urgent 1h/8h, high 4h/24h, normal 24h/72h, low 72h/7d. */
    public static Map<TicketPriority, Target> defaults() {
        return Map.of(
                TicketPriority.URGENT, new Target(Duration.ofHours(1), Duration.ofHours(8)),
                TicketPriority.HIGH, new Target(Duration.ofHours(4), Duration.ofHours(24)),
                TicketPriority.NORMAL, new Target(Duration.ofHours(24), Duration.ofHours(72)),
                TicketPriority.LOW, new Target(Duration.ofHours(72), Duration.ofDays(7)));
    }

    public Target target(TicketPriority priority) {
        return targets.get(priority);
    }

    public DueTimes dueTimes(TicketPriority priority, Instant openedAt) {
        Target t = target(priority);
        return new DueTimes(openedAt.plus(t.firstResponse()), openedAt.plus(t.resolution()));
    }
}
