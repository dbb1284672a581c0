package io.bazaar.crm.customer.persistence;

import java.time.Instant;
import org.jdbi.v3.core.mapper.Nested;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

/** The contact plus every figure of the 360 view, read in one statement. JSON columns are arrays. */
public record Customer360Row(
        @Nested ContactRow contact,
        @ColumnName("order_count") long orderCount,
        @ColumnName("first_order_at") Instant firstOrderAt,
        @ColumnName("last_order_at") Instant lastOrderAt,
        @ColumnName("spend_json") String spendJson,
        @ColumnName("open_returns") long openReturns,
        @ColumnName("open_tickets") long openTickets,
        @ColumnName("consents_json") String consentsJson,
        @ColumnName("r_score") Integer recencyScore,
        @ColumnName("f_score") Integer frequencyScore,
        @ColumnName("m_score") Integer monetaryScore,
        @ColumnName("rfm_segment") String rfmSegment,
        @ColumnName("rfm_computed_at") Instant rfmComputedAt,
        @ColumnName("tier_code") String tierCode,
        @ColumnName("points_balance") long pointsBalance) {
}
