package io.bazaar.crm.intake;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A customer wrote on a product's page (co-creation): a review, a question or an answer to another
 * customer's question. Lands on the customer's timeline as an interactive entry.
 *
 * @param kind         review, question or answer
 * @param productTitle null when the product is no longer shown
 * @param rating       1 to 5 for a review, null otherwise
 * @param status       the automatic moderation's decision: approved or pending
 */
public record CommunityPostFact(String kind, UUID postId, UUID customerId, UUID productId, String productTitle,
                                Integer rating, String status, String channel, Instant postedAt) {
    private static final Set<String> KINDS = Set.of("review", "question", "answer");

    public CommunityPostFact {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("kind must be review, question or answer");
        }
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(postedAt, "postedAt");
    }
}
