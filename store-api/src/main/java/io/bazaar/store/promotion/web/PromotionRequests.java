package io.bazaar.store.promotion.web;

import io.bazaar.store.promotion.app.PromotionCommands.PromotionChanges;
import io.bazaar.store.promotion.app.PromotionCommands.PromotionDraft;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Staff request bodies. Amounts are integers in minor units of {@code currency}; the rules between fields
 * (percentage 1..100, a fixed amount needs a currency, the window's end after its start) are checked by the
 * service, which reports every broken one as a field error.
 */
public final class PromotionRequests {
    private PromotionRequests() {
    }

    public record CreatePromotionRequest(String name, String code, String kind, Boolean automatic, Integer percentOff,
                                         Long amountOff, String currency, Long minSubtotal, Integer minQuantity,
                                         Instant startsAt, Instant endsAt, Integer usageLimit,
                                         Integer perCustomerLimit, List<UUID> productIds, List<UUID> categoryIds) {
        PromotionDraft toDraft() {
            return new PromotionDraft(name, code, kind, automatic, percentOff, amountOff, currency, minSubtotal,
                    minQuantity, startsAt, endsAt, usageLimit, perCustomerLimit, productIds, categoryIds);
        }
    }

    /** Code, kind, currency and automatic cannot change: create a new promotion instead. */
    public record UpdatePromotionRequest(Integer version, String name, Integer percentOff, Long amountOff,
                                         Long minSubtotal, Integer minQuantity, Instant startsAt, Instant endsAt,
                                         Integer usageLimit, Integer perCustomerLimit, List<UUID> productIds,
                                         List<UUID> categoryIds) {
        PromotionChanges toChanges() {
            return new PromotionChanges(version, name, percentOff, amountOff, minSubtotal, minQuantity, startsAt,
                    endsAt, usageLimit, perCustomerLimit, productIds, categoryIds);
        }
    }
}
