package io.bazaar.store.promotion.domain;

import java.time.Instant;
import java.util.UUID;

/** Events the promotion feature writes to the outbox (e.g. for marketing follow-ups in the CRM). */
public final class PromotionEvents {
    public static final String CREATED = "promotion.created";
    public static final String CHANGED = "promotion.changed";
    public static final String DEACTIVATED = "promotion.deactivated";

    private PromotionEvents() {
    }

    public record PromotionChanged(UUID promotionId, String code, String name, String kind, boolean automatic,
                                   boolean active, int version, Instant at) {
    }
}
