package io.bazaar.crm.metrics.app;

import io.bazaar.crm.survey.domain.Nps;
import io.bazaar.shared.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Responses of the metrics endpoints. Percentages have one decimal (half-up) and are null when undefined (0/0). */
public final class MetricsViews {
    private MetricsViews() {
    }

    public record RetentionPeriod(Instant periodStart, long previousCustomers, long activeCustomers,
                                  long retainedCustomers, Double retentionPercent, Double churnPercent) {
    }

    public record Retention(String period, Instant from, Instant to, List<RetentionPeriod> periods) {
    }

    public record RepeatPurchase(Instant from, Instant to, long customers, long repeatCustomers, long orders,
                                 Double repeatPurchasePercent) {
    }

    public record Churn(Instant at, int inactiveDays, long customers, long inactiveCustomers, Double churnPercent) {
    }

    public record OrderValue(Instant from, Instant to, String currency, long orders, long customers, Money grossRevenue,
                             Money refunded, Money netRevenue, Money averageOrderValue) {
    }

    public record Predicted(Money averageOrderValue, Double purchaseFrequency, Double annualRetentionPercent,
                            Double expectedLifespanYears, int maxLifespanYears, Money lifetimeValue) {
    }

    public record LifetimeValue(Instant at, String currency, long customers, Money netRevenue, Money historic,
                                Predicted predicted) {
    }

    public record Cohort(String cohort, long customers, List<Long> activeCustomers, List<Double> retentionPercent) {
    }

    public record Cohorts(Instant from, Instant to, int months, List<Cohort> cohorts) {
    }

    public record Csat(long answers, Double average, Double satisfiedPercent) {
    }

    public record SatisfactionPeriod(Instant periodStart, Nps nps, Csat csat, Csat ticketCsat) {
    }

    public record Satisfaction(String period, Instant from, Instant to, List<SatisfactionPeriod> periods) {
    }

    public record Target(long met, long missed, Double compliancePercent) {
    }

    public record SlaPeriod(Instant periodStart, long tickets, Target firstResponse, Target resolution) {
    }

    public record SlaCompliance(String period, Instant from, Instant to, List<SlaPeriod> periods) {
    }

    public record ProductReturnRate(UUID productId, String title, long unitsSold, long unitsReturned,
                                    Double returnRatePercent) {
    }

    public record ReturnRates(Instant from, Instant to, List<ProductReturnRate> products) {
    }

    public record LeadConversion(String source, long leads, long converted, Double conversionPercent,
                                 Long medianSecondsToConvert) {
    }

    public record LeadConversions(Instant from, Instant to, LeadConversion total, List<LeadConversion> bySource) {
    }

    public record MixPeriod(Instant periodStart, long total, long transactional, long interactive, long physical,
                            Double transactionalPercent, Double interactivePercent, Double physicalPercent) {
    }

    public record CommunicationMix(String period, Instant from, Instant to, List<MixPeriod> periods) {
    }
}
