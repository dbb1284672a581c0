package io.bazaar.crm.metrics.persistence;

import java.time.Instant;
import java.util.UUID;

/** Rows of the metrics queries: plain counts and sums, turned into rates by the service. */
public final class MetricsRows {
    private MetricsRows() {
    }

    public record RetentionRow(Instant periodStart, long previousCustomers, long activeCustomers,
                               long retainedCustomers) {
    }

    public record RepeatRow(long customers, long repeatCustomers, long orders) {
    }

    public record ChurnRow(long customers, long inactiveCustomers) {
    }

    public record OrderValueRow(long orders, long customers, long netRevenue, long grossRevenue, long refunded) {
    }

    public record LifetimeRow(long customers, long netRevenue, long yearOrders, long yearRevenue, long yearCustomers,
                              long previousYearCustomers, long retainedCustomers) {
    }

    public record CohortCellRow(String cohort, int monthOffset, long customers) {
    }

    public record SatisfactionRow(Instant periodStart, long promoters, long passives, long detractors,
                                  long csatAnswers, long csatSatisfied, long csatSum, long ticketCsatAnswers,
                                  long ticketCsatSatisfied, long ticketCsatSum) {
    }

    public record SlaRow(Instant periodStart, long tickets, long firstResponseMet, long firstResponseMissed,
                         long resolutionMet, long resolutionMissed) {
    }

    public record ReturnRateRow(UUID productId, String title, long unitsSold, long unitsReturned) {
    }

    /** {@code source} null is the total over all sources. */
    public record LeadConversionRow(String source, long leads, long converted, Double medianSeconds) {
    }

    public record MixRow(Instant periodStart, long transactional, long interactive, long physical) {
    }
}
