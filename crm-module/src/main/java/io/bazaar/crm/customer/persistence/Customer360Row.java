package io.bazaar.crm.customer.persistence;

import java.time.Instant;

/** The contact plus every figure of the 360 view, read in one statement ({@link Customer360Query}). JSON columns are arrays. */
public record Customer360Row(
        ContactRow contact,
        long orderCount,
        Instant firstOrderAt,
        Instant lastOrderAt,
        String spendJson,
        long openReturns,
        long openTickets,
        String consentsJson,
        Integer recencyScore,
        Integer frequencyScore,
        Integer monetaryScore,
        String rfmSegment,
        Instant rfmComputedAt,
        String tierCode,
        long pointsBalance,
        String timelineJson) {
}
