package io.bazaar.store.promotion.app;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What staff send to create or change a promotion; checked field by field by the service. */
public final class PromotionCommands {
    private PromotionCommands() {
    }

    public record PromotionDraft(String name, String code, String kind, Boolean automatic, Integer percentOff,
                                 Long amountOff, String currency, Long minSubtotal, Integer minQuantity,
                                 Instant startsAt, Instant endsAt, Integer usageLimit, Integer perCustomerLimit,
                                 List<UUID> productIds, List<UUID> categoryIds) {
    }

    /** Absent (null) fields stay as they are. Code, kind, currency and automatic cannot change. */
    public record PromotionChanges(Integer version, String name, Integer percentOff, Long amountOff, Long minSubtotal,
                                   Integer minQuantity, Instant startsAt, Instant endsAt, Integer usageLimit,
                                   Integer perCustomerLimit, List<UUID> productIds, List<UUID> categoryIds) {
    }
}
