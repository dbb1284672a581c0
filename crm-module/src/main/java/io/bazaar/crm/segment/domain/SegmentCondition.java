package io.bazaar.crm.segment.domain;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One validated condition of a dynamic segment; a segment is the AND of its conditions. Built only by
 * {@code SegmentRules.parse}, which rejects anything else with a field-level error.
 */
public sealed interface SegmentCondition {

    /** Lifetime net spend (paid orders, total minus refunds) in one currency, compared with {@code amount}. */
    record NetSpend(Comparison op, long amount, String currency) implements SegmentCondition {
        public NetSpend {
            Objects.requireNonNull(op);
            Objects.requireNonNull(currency);
        }
    }

    /** Number of paid, not cancelled, not fully refunded orders. */
    record OrderCount(Comparison op, long count) implements SegmentCondition {
    }

    /** Days since the last counted order; customers without orders never match. */
    record LastOrderDays(Comparison op, long days) implements SegmentCondition {
    }

    /** Bought (paid order) at least one product in any of these categories. */
    record CategoryBought(List<UUID> categoryIds) implements SegmentCondition {
        public CategoryBought {
            categoryIds = List.copyOf(categoryIds);
        }
    }

    record Tag(String tag) implements SegmentCondition {
    }

    /** Consent currently granted for this channel and purpose (order updates count as granted unless withdrawn). */
    record ConsentGranted(String channel, String purpose) implements SegmentCondition {
    }

    record CustomerTypeIs(String customerType) implements SegmentCondition {
    }

    record InRfmSegment(RfmSegment segment) implements SegmentCondition {
    }

    /** Currently in the loyalty tier with this code (crm.loyalty.tiers). */
    record InTier(String tierCode) implements SegmentCondition {
    }

    enum Comparison {
        GTE(">="), LTE("<="), EQ("=");

        private final String sql;

        Comparison(String sql) {
            this.sql = sql;
        }

        /** The SQL operator: a constant of this enum, never text from a request. */
        public String sql() {
            return sql;
        }
    }
}
