package io.bazaar.store.review.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * Outbox events of reviews and product questions (issue #7, part 5). The CRM puts customers'
 * submissions on their timeline (one entry per review, question or answer).
 */
public final class CommunityEvents {
    public static final String REVIEW_SUBMITTED = "review.submitted";
    public static final String REVIEW_PUBLISHED = "review.published";
    public static final String QUESTION_ASKED = "question.asked";
    public static final String ANSWER_POSTED = "answer.posted";

    private CommunityEvents() {
    }

    /** A customer wrote a review; {@code status} is what the automatic moderation decided. */
    public record ReviewSubmitted(UUID reviewId, UUID productId, String productTitle, UUID customerId, int rating,
                                  boolean verifiedPurchase, String status, String channel, Instant submittedAt) {
    }

    /** A review became public (automatically or by staff). */
    public record ReviewPublished(UUID reviewId, UUID productId, UUID customerId, int rating, UUID moderatedBy,
                                  Instant publishedAt) {
    }

    public record QuestionAsked(UUID questionId, UUID productId, String productTitle, UUID customerId, String status,
                                String channel, Instant askedAt) {
    }

    /** @param customerId null when staff answered */
    public record AnswerPosted(UUID answerId, UUID questionId, UUID productId, String productTitle, String authorType,
                               UUID customerId, String status, String channel, Instant postedAt) {
    }
}
