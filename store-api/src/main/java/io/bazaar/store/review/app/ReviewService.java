package io.bazaar.store.review.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.moderation.ModerationFilter;
import io.bazaar.shared.outbox.Outbox;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import io.bazaar.store.catalog.app.CatalogQueries;
import io.bazaar.store.catalog.app.CatalogService;
import io.bazaar.store.catalog.app.CatalogViews.ProductView;
import io.bazaar.store.fulfilment.app.FulfilmentService;
import io.bazaar.store.review.domain.CommunityEvents;
import io.bazaar.store.review.domain.ContentModeration;
import io.bazaar.store.review.domain.ModerationStatus;
import io.bazaar.store.review.persistence.ReviewDao;
import io.bazaar.store.review.persistence.ReviewDao.ReviewRow;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Product reviews (issue #7, part 5): only customers who received the product may review it, once per
 * product; every text passes {@link ContentModeration}; staff approve or reject. The product's rating
 * (approved reviews only) is recomputed in the transaction that changes what counts, and the catalogue
 * cache is invalidated before the call returns, so nobody reads a stale rating after it.
 */
public final class ReviewService {
    public static final int TITLE_MAX = 200;
    public static final int TEXT_MAX = 5000;
    public static final int MESSAGE_MAX = 2000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Outbox outbox;
    private final CatalogQueries catalogQueries;
    private final CatalogService catalog;
    private final FulfilmentService fulfilment;
    private final ContentModeration moderation;

    public ReviewService(Jdbi jdbi, Clock clock, Outbox outbox, CatalogQueries catalogQueries, CatalogService catalog,
                         FulfilmentService fulfilment, CommunitySettings settings) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.clock = Objects.requireNonNull(clock);
        this.outbox = Objects.requireNonNull(outbox);
        this.catalogQueries = Objects.requireNonNull(catalogQueries);
        this.catalog = Objects.requireNonNull(catalog);
        this.fulfilment = Objects.requireNonNull(fulfilment);
        this.moderation = new ContentModeration(new ModerationFilter(settings.blockedWords()),
                settings.autoApproveClean(), settings.holdLinks());
    }

    /** A review as its author and staff see it; moderation internals are shown to staff only. */
    public record ReviewView(UUID id, UUID productId, int rating, String title, String text, String authorName,
                             boolean verifiedPurchase, String status,
                             @JsonInclude(JsonInclude.Include.NON_NULL) UUID customerId,
                             @JsonInclude(JsonInclude.Include.NON_NULL) UUID orderId,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String flagReason,
                             String moderationMessage, Instant moderatedAt, Instant publishedAt, int version,
                             Instant createdAt, Instant updatedAt) {
    }

    /** An approved review as anyone sees it. */
    public record PublicReview(UUID id, UUID productId, int rating, String title, String text, String authorName,
                               boolean verifiedPurchase, Instant createdAt, Instant updatedAt) {
    }

    /** @param rating 1 to 5 */
    public record SubmitCommand(Integer rating, String title, String text, String channel) {
    }

    /** Absent fields keep their value. */
    public record EditCommand(Integer rating, String title, String text) {
    }

    public ReviewView submit(UUID customerId, String productIdOrSlug, SubmitCommand cmd) {
        ProductView product = catalogQueries.product(productIdOrSlug);
        int rating = rating(cmd.rating());
        String title = CommunityText.text("title", cmd.title(), TITLE_MAX);
        String text = CommunityText.text("text", cmd.text(), TEXT_MAX);
        ContentModeration.Verdict verdict = moderation.assess(title, text);
        Instant now = clock.instant();
        UUID id = Ids.newId();
        boolean published = verdict.status() == ModerationStatus.APPROVED;
        ReviewRow saved = jdbi.inTransaction(h -> {
            FulfilmentService.Received received = fulfilment.firstReceived(h, customerId, product.id())
                    .orElseThrow(() -> new ApiException(ErrorCode.REVIEW_REQUIRES_PURCHASE,
                            "Only customers who received this product can review it; none of your delivered orders holds it"));
            ReviewDao dao = h.attach(ReviewDao.class);
            int inserted = dao.insert(new ReviewRow(id, product.id(), customerId, received.orderId(), rating, title, text,
                    true, verdict.status().dbValue(), verdict.flagReason(), null, null, null,
                    published ? now : null, 1, now, now, null));
            if (inserted == 0) {
                throw new ApiException(ErrorCode.REVIEW_EXISTS,
                        "You have already reviewed this product; edit that review with PATCH /v1/me/reviews/{id}");
            }
            outbox.append(h, CommunityEvents.REVIEW_SUBMITTED, "review", id.toString(),
                    new CommunityEvents.ReviewSubmitted(id, product.id(), product.title(), customerId, rating, true,
                            verdict.status().dbValue(), channel(cmd.channel()), now));
            if (published) {
                outbox.append(h, CommunityEvents.REVIEW_PUBLISHED, "review", id.toString(),
                        new CommunityEvents.ReviewPublished(id, product.id(), customerId, rating, null, now));
                recomputeRating(h, product.id(), now);
            }
            return dao.findById(id).orElseThrow();
        });
        if (published) {
            catalog.productPagesChanged();
        }
        return view(saved, false);
    }

    /** The author's edit: the new text is moderated again (an approved review may go back to pending). */
    public ReviewView edit(UUID customerId, UUID reviewId, EditCommand cmd) {
        Instant now = clock.instant();
        boolean[] ratingChanged = {false};
        ReviewRow saved = jdbi.inTransaction(h -> {
            ReviewDao dao = h.attach(ReviewDao.class);
            ReviewRow r = dao.lockById(reviewId).filter(x -> x.customerId().equals(customerId))
                    .orElseThrow(() -> ApiException.notFound("Review"));
            int rating = cmd.rating() == null ? r.rating() : rating(cmd.rating());
            String title = cmd.title() == null ? r.title() : CommunityText.text("title", cmd.title(), TITLE_MAX);
            String text = cmd.text() == null ? r.body() : CommunityText.text("text", cmd.text(), TEXT_MAX);
            ContentModeration.Verdict verdict = moderation.assess(title, text);
            boolean published = verdict.status() == ModerationStatus.APPROVED;
            dao.updateContent(reviewId, rating, title, text, verdict.status().dbValue(), verdict.flagReason(),
                    published ? now : null, now);
            if (published) {
                outbox.append(h, CommunityEvents.REVIEW_PUBLISHED, "review", reviewId.toString(),
                        new CommunityEvents.ReviewPublished(reviewId, r.productId(), customerId, rating, null, now));
            }
            if (published || ModerationStatus.APPROVED.dbValue().equals(r.status())) {
                recomputeRating(h, r.productId(), now);
                ratingChanged[0] = true;
            }
            return dao.findById(reviewId).orElseThrow();
        });
        if (ratingChanged[0]) {
            catalog.productPagesChanged();
        }
        return view(saved, false);
    }

    public ReviewView mine(UUID customerId, UUID reviewId) {
        return jdbi.withExtension(ReviewDao.class, dao -> dao.findById(reviewId))
                .filter(r -> r.customerId().equals(customerId)).map(r -> view(r, false))
                .orElseThrow(() -> ApiException.notFound("Review"));
    }

    public Page<ReviewView> mine(UUID customerId, Cursor cursor, Integer limit) {
        int n = Cursor.limit(limit, CommunityText.DEFAULT_LIMIT, CommunityText.MAX_LIMIT);
        return CommunityText.page(jdbi.withExtension(ReviewDao.class, dao -> dao.listForCustomer(customerId,
                cursor == null ? null : cursor.at(), cursor == null ? null : cursor.id(), n + 1)), n,
                r -> view(r, false), ReviewService::cursor);
    }

    /** Approved reviews of an active product, newest first. */
    public Page<PublicReview> approved(String productIdOrSlug, Cursor cursor, Integer limit) {
        ProductView product = catalogQueries.product(productIdOrSlug);
        int n = Cursor.limit(limit, CommunityText.DEFAULT_LIMIT, CommunityText.MAX_LIMIT);
        return CommunityText.page(jdbi.withExtension(ReviewDao.class, dao -> dao.listApproved(product.id(),
                cursor == null ? null : cursor.at(), cursor == null ? null : cursor.id(), n + 1)), n,
                r -> new PublicReview(r.id(), r.productId(), r.rating(), r.title(), r.body(),
                        CommunityText.displayName(r.authorName(), "Customer"), r.verifiedPurchase(), r.createdAt(),
                        r.updatedAt()), ReviewService::cursor);
    }

    public Page<ReviewView> search(ModerationStatus status, UUID productId, Cursor cursor, Integer limit) {
        int n = Cursor.limit(limit, CommunityText.DEFAULT_LIMIT, CommunityText.MAX_LIMIT);
        return CommunityText.page(jdbi.withExtension(ReviewDao.class, dao -> dao.search(
                status == null ? null : status.dbValue(), productId, cursor == null ? null : cursor.at(),
                cursor == null ? null : cursor.id(), n + 1)), n, r -> view(r, true), ReviewService::cursor);
    }

    public ReviewView forStaff(UUID reviewId) {
        return jdbi.withExtension(ReviewDao.class, dao -> dao.findById(reviewId)).map(r -> view(r, true))
                .orElseThrow(() -> ApiException.notFound("Review"));
    }

    /**
     * Staff approve or reject a review, with a message. {@code expectedVersion}, when given, must match:
     * the author may have edited the text since staff read it.
     */
    public ReviewView decide(UUID staffId, UUID reviewId, boolean approve, String message, Integer expectedVersion) {
        Instant now = clock.instant();
        ModerationStatus target = approve ? ModerationStatus.APPROVED : ModerationStatus.REJECTED;
        boolean[] ratingChanged = {false};
        ReviewRow saved = jdbi.inTransaction(h -> {
            ReviewDao dao = h.attach(ReviewDao.class);
            ReviewRow r = dao.lockById(reviewId).orElseThrow(() -> ApiException.notFound("Review"));
            if (expectedVersion != null && expectedVersion != r.version()) {
                throw new ApiException(ErrorCode.VERSION_CONFLICT, "The review changed (version " + r.version()
                        + "); reload it and decide again");
            }
            if (target.dbValue().equals(r.status())) {
                throw new ApiException(ErrorCode.ALREADY_MODERATED, "The review is already " + r.status());
            }
            boolean wasApproved = ModerationStatus.APPROVED.dbValue().equals(r.status());
            dao.decide(reviewId, target.dbValue(), message, staffId, approve ? now : null, now);
            if (approve) {
                outbox.append(h, CommunityEvents.REVIEW_PUBLISHED, "review", reviewId.toString(),
                        new CommunityEvents.ReviewPublished(reviewId, r.productId(), r.customerId(), r.rating(), staffId,
                                now));
            }
            if (approve || wasApproved) {
                recomputeRating(h, r.productId(), now);
                ratingChanged[0] = true;
            }
            return dao.findById(reviewId).orElseThrow();
        });
        if (ratingChanged[0]) {
            catalog.productPagesChanged();
        }
        return view(saved, true);
    }

    /** Privacy export: everything the customer wrote, reviews, questions and answers, in any status. */
    public java.util.Map<String, Object> exportForCustomer(UUID customerId) {
        return jdbi.withHandle(h -> {
            java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
            out.put("reviews", h.attach(ReviewDao.class).listForCustomer(customerId, null, null, Integer.MAX_VALUE)
                    .stream().map(r -> view(r, false)).toList());
            io.bazaar.store.review.persistence.QuestionDao questions =
                    h.attach(io.bazaar.store.review.persistence.QuestionDao.class);
            out.put("questions", questions.listQuestionsByCustomer(customerId).stream().map(q -> java.util.Map.of(
                    "id", q.id(), "product_id", q.productId(), "text", q.body(), "status", q.status(),
                    "created_at", q.createdAt())).toList());
            out.put("answers", questions.listAnswersByCustomer(customerId).stream().map(a -> java.util.Map.of(
                    "id", a.id(), "question_id", a.questionId(), "text", a.body(), "status", a.status(),
                    "created_at", a.createdAt())).toList());
            return out;
        });
    }

    /**
     * Erasure, in the caller's transaction: the customer's reviews, questions (with the answers to them)
     * and answers are deleted — free text may hold anything about them. Ratings of the products they
     * reviewed are recomputed, and the catalogue cache is dropped once the transaction commits.
     */
    public void eraseForCustomer(Handle h, UUID customerId) {
        Instant now = clock.instant();
        List<UUID> products = h.attach(ReviewDao.class).deleteByCustomer(customerId).stream().distinct().sorted()
                .toList();
        io.bazaar.store.review.persistence.QuestionDao questions =
                h.attach(io.bazaar.store.review.persistence.QuestionDao.class);
        questions.deleteAnswersByCustomer(customerId);
        questions.deleteQuestionsByCustomer(customerId);
        for (UUID product : products) {
            recomputeRating(h, product, now);
        }
        if (!products.isEmpty()) {
            h.afterCommit(catalog::productPagesChanged);
        }
    }

    private static void recomputeRating(Handle h, UUID productId, Instant now) {
        ReviewDao dao = h.attach(ReviewDao.class);
        dao.ensureRating(productId, now);
        dao.lockRating(productId);
        dao.recomputeRating(productId, now);
    }

    private static int rating(Integer rating) {
        if (rating == null || rating < 1 || rating > 5) {
            throw ApiException.validation("rating", "must be a whole number from 1 to 5");
        }
        return rating;
    }

    static String channel(String channel) {
        return channel == null || channel.isBlank() ? "web" : channel.strip();
    }

    private static Cursor cursor(ReviewRow r) {
        return new Cursor(r.createdAt(), r.id());
    }

    private static ReviewView view(ReviewRow r, boolean forStaff) {
        return new ReviewView(r.id(), r.productId(), r.rating(), r.title(), r.body(),
                CommunityText.displayName(r.authorName(), "Customer"), r.verifiedPurchase(), r.status(),
                forStaff ? r.customerId() : null, forStaff ? r.orderId() : null, forStaff ? r.flagReason() : null,
                r.moderationMessage(), r.moderatedAt(), r.publishedAt(), r.version(), r.createdAt(), r.updatedAt());
    }
}
