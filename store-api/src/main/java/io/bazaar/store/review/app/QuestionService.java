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
import io.bazaar.store.catalog.app.CatalogViews.ProductView;
import io.bazaar.store.fulfilment.app.FulfilmentService;
import io.bazaar.store.review.domain.CommunityEvents;
import io.bazaar.store.review.domain.ContentModeration;
import io.bazaar.store.review.domain.ModerationStatus;
import io.bazaar.store.review.persistence.QuestionDao;
import io.bazaar.store.review.persistence.QuestionDao.AnswerRow;
import io.bazaar.store.review.persistence.QuestionDao.QuestionRow;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Questions about a product and their answers (co-creation): signed-in customers ask; staff and other
 * customers answer. Customer text passes the same {@link ContentModeration} as reviews; staff answers
 * are published at once. Only approved questions can be answered and only approved content is public.
 */
public final class QuestionService {
    public static final int TEXT_MAX = 2000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Outbox outbox;
    private final CatalogQueries catalogQueries;
    private final FulfilmentService fulfilment;
    private final ContentModeration moderation;

    public QuestionService(Jdbi jdbi, Clock clock, Outbox outbox, CatalogQueries catalogQueries,
                           FulfilmentService fulfilment, CommunitySettings settings) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.clock = Objects.requireNonNull(clock);
        this.outbox = Objects.requireNonNull(outbox);
        this.catalogQueries = Objects.requireNonNull(catalogQueries);
        this.fulfilment = Objects.requireNonNull(fulfilment);
        this.moderation = new ContentModeration(new ModerationFilter(settings.blockedWords()),
                settings.autoApproveClean(), settings.holdLinks());
    }

    /** An approved answer as anyone sees it; {@code author_type} is customer or staff. */
    public record PublicProductAnswer(UUID id, String text, String authorName, String authorType,
                                      boolean verifiedPurchase, Instant createdAt) {
    }

    /** An approved question with its approved answers, oldest answer first. */
    public record PublicProductQuestion(UUID id, UUID productId, String text, String authorName, Instant createdAt,
                                        List<PublicProductAnswer> answers) {
    }

    /** An answer as its author and staff see it; moderation details for staff only. */
    public record ProductAnswerView(UUID id, UUID questionId, UUID productId, String text, String authorName,
                                    String authorType, boolean verifiedPurchase, String status,
                                    @JsonInclude(JsonInclude.Include.NON_NULL) UUID authorId,
                                    @JsonInclude(JsonInclude.Include.NON_NULL) String flagReason,
                                    String moderationMessage, Instant moderatedAt, Instant createdAt) {
    }

    /** A question as its author and staff see it, with every answer (staff) or the approved ones (author). */
    public record ProductQuestionView(UUID id, UUID productId, String text, String authorName, String status,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) UUID customerId,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) String flagReason,
                                      String moderationMessage, Instant moderatedAt, Instant createdAt,
                                      List<ProductAnswerView> answers) {
    }

    public ProductQuestionView ask(UUID customerId, String productIdOrSlug, String rawText, String channel) {
        ProductView product = catalogQueries.product(productIdOrSlug);
        String text = CommunityText.text("text", rawText, TEXT_MAX);
        ContentModeration.Verdict verdict = moderation.assess(text);
        Instant now = clock.instant();
        UUID id = Ids.newId();
        return jdbi.inTransaction(h -> {
            QuestionDao dao = h.attach(QuestionDao.class);
            dao.insertQuestion(id, product.id(), customerId, text, verdict.status().dbValue(), verdict.flagReason(), now);
            outbox.append(h, CommunityEvents.QUESTION_ASKED, "product_question", id.toString(),
                    new CommunityEvents.QuestionAsked(id, product.id(), product.title(), customerId,
                            verdict.status().dbValue(), ReviewService.channel(channel), now));
            return questionView(dao.findQuestion(id).orElseThrow(), List.of(), false);
        });
    }

    /** A customer answers another customer's (approved) question; marked verified if they received the product. */
    public ProductAnswerView answerAsCustomer(UUID customerId, UUID questionId, String rawText, String channel) {
        String text = CommunityText.text("text", rawText, TEXT_MAX);
        ContentModeration.Verdict verdict = moderation.assess(text);
        Instant now = clock.instant();
        UUID id = Ids.newId();
        return jdbi.inTransaction(h -> {
            QuestionDao dao = h.attach(QuestionDao.class);
            QuestionRow q = dao.findQuestion(questionId).filter(r -> ModerationStatus.APPROVED.dbValue().equals(r.status()))
                    .orElseThrow(() -> ApiException.notFound("Question"));
            boolean verified = fulfilment.firstReceived(h, customerId, q.productId()).isPresent();
            dao.insertAnswer(id, questionId, "customer", customerId, text, verified, verdict.status().dbValue(),
                    verdict.flagReason(), now);
            outbox.append(h, CommunityEvents.ANSWER_POSTED, "product_question", questionId.toString(),
                    new CommunityEvents.AnswerPosted(id, questionId, q.productId(), productTitle(q.productId()),
                            "customer", customerId, verdict.status().dbValue(), ReviewService.channel(channel), now));
            return answerView(dao.findAnswer(id).orElseThrow(), false);
        });
    }

    /** Staff answer any question (also one still pending); staff text is published at once. */
    public ProductAnswerView answerAsStaff(UUID staffId, UUID questionId, String rawText) {
        String text = CommunityText.text("text", rawText, TEXT_MAX);
        Instant now = clock.instant();
        UUID id = Ids.newId();
        return jdbi.inTransaction(h -> {
            QuestionDao dao = h.attach(QuestionDao.class);
            QuestionRow q = dao.findQuestion(questionId).orElseThrow(() -> ApiException.notFound("Question"));
            dao.insertAnswer(id, questionId, "staff", staffId, text, false, ModerationStatus.APPROVED.dbValue(), null,
                    now);
            outbox.append(h, CommunityEvents.ANSWER_POSTED, "product_question", questionId.toString(),
                    new CommunityEvents.AnswerPosted(id, questionId, q.productId(), productTitle(q.productId()), "staff",
                            null, ModerationStatus.APPROVED.dbValue(), "web", now));
            return answerView(dao.findAnswer(id).orElseThrow(), true);
        });
    }

    /** Approved questions of an active product, newest first, each with its approved answers. */
    public Page<PublicProductQuestion> approved(String productIdOrSlug, Cursor cursor, Integer limit) {
        ProductView product = catalogQueries.product(productIdOrSlug);
        int n = Cursor.limit(limit, CommunityText.DEFAULT_LIMIT, CommunityText.MAX_LIMIT);
        return jdbi.withHandle(h -> {
            QuestionDao dao = h.attach(QuestionDao.class);
            List<QuestionRow> rows = dao.listApproved(product.id(), cursor == null ? null : cursor.at(),
                    cursor == null ? null : cursor.id(), n + 1);
            List<QuestionRow> shown = rows.size() > n ? rows.subList(0, n) : rows;
            Map<UUID, List<AnswerRow>> answers = shown.isEmpty() ? Map.of()
                    : dao.listApprovedAnswers(shown.stream().map(QuestionRow::id).toArray(UUID[]::new)).stream()
                    .collect(Collectors.groupingBy(AnswerRow::questionId));
            return CommunityText.page(rows, n, q -> new PublicProductQuestion(q.id(), q.productId(), q.body(),
                    CommunityText.displayName(q.authorName(), "Customer"), q.createdAt(),
                    answers.getOrDefault(q.id(), List.of()).stream().map(QuestionService::publicAnswer).toList()),
                    q -> new Cursor(q.createdAt(), q.id()));
        });
    }

    /** One question: public when approved; its author also sees it while pending or rejected. */
    public ProductQuestionView get(UUID questionId, UUID viewerCustomerId) {
        return jdbi.withHandle(h -> {
            QuestionDao dao = h.attach(QuestionDao.class);
            QuestionRow q = dao.findQuestion(questionId).filter(r -> ModerationStatus.APPROVED.dbValue().equals(r.status())
                    || r.customerId().equals(viewerCustomerId)).orElseThrow(() -> ApiException.notFound("Question"));
            List<AnswerRow> answers = dao.listAllAnswers(questionId).stream()
                    .filter(a -> ModerationStatus.APPROVED.dbValue().equals(a.status())).toList();
            return questionView(q, answers, false);
        });
    }

    public ProductQuestionView forStaff(UUID questionId) {
        return jdbi.withHandle(h -> {
            QuestionDao dao = h.attach(QuestionDao.class);
            QuestionRow q = dao.findQuestion(questionId).orElseThrow(() -> ApiException.notFound("Question"));
            return questionView(q, dao.listAllAnswers(questionId), true);
        });
    }

    public Page<ProductQuestionView> searchQuestions(ModerationStatus status, UUID productId, Cursor cursor,
                                                     Integer limit) {
        int n = Cursor.limit(limit, CommunityText.DEFAULT_LIMIT, CommunityText.MAX_LIMIT);
        return CommunityText.page(jdbi.withExtension(QuestionDao.class, dao -> dao.searchQuestions(
                status == null ? null : status.dbValue(), productId, cursor == null ? null : cursor.at(),
                cursor == null ? null : cursor.id(), n + 1)), n, q -> questionView(q, List.of(), true),
                q -> new Cursor(q.createdAt(), q.id()));
    }

    public Page<ProductAnswerView> searchAnswers(ModerationStatus status, Cursor cursor, Integer limit) {
        int n = Cursor.limit(limit, CommunityText.DEFAULT_LIMIT, CommunityText.MAX_LIMIT);
        return CommunityText.page(jdbi.withExtension(QuestionDao.class, dao -> dao.searchAnswers(
                status == null ? null : status.dbValue(), cursor == null ? null : cursor.at(),
                cursor == null ? null : cursor.id(), n + 1)), n, a -> answerView(a, true),
                a -> new Cursor(a.createdAt(), a.id()));
    }

    public ProductQuestionView decideQuestion(UUID staffId, UUID questionId, boolean approve, String message) {
        String target = (approve ? ModerationStatus.APPROVED : ModerationStatus.REJECTED).dbValue();
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            QuestionDao dao = h.attach(QuestionDao.class);
            QuestionRow q = dao.lockQuestion(questionId).orElseThrow(() -> ApiException.notFound("Question"));
            if (target.equals(q.status())) {
                throw new ApiException(ErrorCode.ALREADY_MODERATED, "The question is already " + q.status());
            }
            dao.decideQuestion(questionId, target, message, staffId, now);
        });
        return forStaff(questionId);
    }

    public ProductAnswerView decideAnswer(UUID staffId, UUID answerId, boolean approve, String message) {
        String target = (approve ? ModerationStatus.APPROVED : ModerationStatus.REJECTED).dbValue();
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            QuestionDao dao = h.attach(QuestionDao.class);
            AnswerRow a = dao.lockAnswer(answerId).orElseThrow(() -> ApiException.notFound("Answer"));
            if (target.equals(a.status())) {
                throw new ApiException(ErrorCode.ALREADY_MODERATED, "The answer is already " + a.status());
            }
            dao.decideAnswer(answerId, target, message, staffId, now);
            return answerView(dao.findAnswer(answerId).orElseThrow(), true);
        });
    }

    private String productTitle(UUID productId) {
        try {
            return catalogQueries.product(productId.toString()).title();
        } catch (ApiException e) {
            // An archived product keeps its questions; the event then names no title.
            return null;
        }
    }

    private static PublicProductAnswer publicAnswer(AnswerRow a) {
        return new PublicProductAnswer(a.id(), a.body(), CommunityText.displayName(a.authorName(),
                "staff".equals(a.authorType()) ? "Shop team" : "Customer"), a.authorType(), a.verifiedPurchase(),
                a.createdAt());
    }

    private static ProductAnswerView answerView(AnswerRow a, boolean forStaff) {
        return new ProductAnswerView(a.id(), a.questionId(), a.productId(), a.body(),
                CommunityText.displayName(a.authorName(), "staff".equals(a.authorType()) ? "Shop team" : "Customer"),
                a.authorType(), a.verifiedPurchase(), a.status(), forStaff ? a.authorId() : null,
                forStaff ? a.flagReason() : null, a.moderationMessage(), a.moderatedAt(), a.createdAt());
    }

    private static ProductQuestionView questionView(QuestionRow q, List<AnswerRow> answers, boolean forStaff) {
        return new ProductQuestionView(q.id(), q.productId(), q.body(), CommunityText.displayName(q.authorName(),
                "Customer"), q.status(), forStaff ? q.customerId() : null, forStaff ? q.flagReason() : null,
                q.moderationMessage(), q.moderatedAt(), q.createdAt(),
                answers.stream().map(a -> answerView(a, forStaff)).toList());
    }
}
