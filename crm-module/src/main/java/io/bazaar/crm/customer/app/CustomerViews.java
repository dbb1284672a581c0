package io.bazaar.crm.customer.app;

import io.bazaar.crm.consent.domain.Consent;
import io.bazaar.crm.customer.domain.Amount;
import io.bazaar.crm.timeline.domain.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Read models of the customer feature, shaped for staff screens. */
public final class CustomerViews {
    private CustomerViews() {
    }

    public record Profile(String email, String name, String phone, String locale, Instant becameCustomerAt,
                          Instant erasedAt) {
    }

    public record TypeInfo(String type, String companyName, String taxId) {
    }

    public record OrderFigures(long count, Instant firstOrderAt, Instant lastOrderAt, List<Amount> lifetimeNetSpend,
                               List<Amount> averageOrderValue) {
    }

    public record AccountManager(UUID staffId, Instant assignedAt) {
    }

    /** Scores 1-5 (null for a lead, who never bought: segment {@code lead}); see docs/SEGMENTS.md. */
    public record Rfm(Integer recency, Integer frequency, Integer monetary, String segment, Instant computedAt) {
    }

    /** The loyalty tier code (null: none) and the points balance; see docs/CRM.md. */
    public record Loyalty(String tier, long pointsBalance) {
    }

    public record Customer360(UUID customerId, Profile profile, TypeInfo customerType, OrderFigures orders,
                              long openReturns, long openTickets, List<Consent> consents, AccountManager accountManager,
                              List<String> tags, Rfm rfm, Loyalty loyalty, List<TimelineEntry> latestTimeline) {
    }

    public record CustomerSummary(UUID customerId, String email, String name, String phone, String customerType,
                                  String companyName, List<String> tags, UUID accountManagerId, Instant createdAt) {
    }

    public record LastActivity(String type, String summary, Instant occurredAt) {
    }

    public record ManagedCustomer(UUID customerId, String email, String name, String customerType,
                                  String companyName, List<String> tags, Instant assignedAt, LastActivity lastActivity,
                                  long activityInLastThirtyDays) {
    }
}
