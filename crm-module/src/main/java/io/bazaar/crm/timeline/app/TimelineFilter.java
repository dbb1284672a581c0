package io.bazaar.crm.timeline.app;

import io.bazaar.crm.timeline.domain.Channel;
import io.bazaar.crm.timeline.domain.InteractionKind;
import java.time.Instant;

/** Optional filters of a timeline listing; every null field means "any". {@code to} is exclusive. */
public record TimelineFilter(InteractionKind kind, Channel channel, String type, Instant from, Instant to) {
    public TimelineFilter {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }
}
