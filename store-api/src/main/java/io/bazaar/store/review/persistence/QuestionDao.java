package io.bazaar.store.review.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Product questions and their answers (one aggregate: answers live and die with their question). */
public interface QuestionDao {

    record QuestionRow(UUID id, @ColumnName("product_id") UUID productId, @ColumnName("customer_id") UUID customerId,
                       String body, String status, @ColumnName("flag_reason") String flagReason,
                       @ColumnName("moderation_message") String moderationMessage,
                       @ColumnName("moderated_by") UUID moderatedBy, @ColumnName("moderated_at") Instant moderatedAt,
                       @ColumnName("created_at") Instant createdAt, @ColumnName("author_name") String authorName) {
    }

    /** {@code authorName}: the customer's name, or for staff answers the staff member's name. */
    record AnswerRow(UUID id, @ColumnName("question_id") UUID questionId, @ColumnName("product_id") UUID productId,
                     @ColumnName("author_type") String authorType, @ColumnName("author_id") UUID authorId, String body,
                     @ColumnName("verified_purchase") boolean verifiedPurchase, String status,
                     @ColumnName("flag_reason") String flagReason,
                     @ColumnName("moderation_message") String moderationMessage,
                     @ColumnName("moderated_by") UUID moderatedBy, @ColumnName("moderated_at") Instant moderatedAt,
                     @ColumnName("created_at") Instant createdAt, @ColumnName("author_name") String authorName) {
    }

    String QUESTIONS = """
            SELECT q.id, q.product_id, q.customer_id, q.body, q.status, q.flag_reason, q.moderation_message,
                   q.moderated_by, q.moderated_at, q.created_at, c.name AS author_name
            FROM product_question q LEFT JOIN customer c ON c.id = q.customer_id
            """;

    String ANSWERS = """
            SELECT a.id, a.question_id, q.product_id, a.author_type, a.author_id, a.body, a.verified_purchase, a.status,
                   a.flag_reason, a.moderation_message, a.moderated_by, a.moderated_at, a.created_at,
                   CASE WHEN a.author_type = 'staff' THEN s.name ELSE c.name END AS author_name
            FROM product_answer a
            JOIN product_question q ON q.id = a.question_id
            LEFT JOIN customer c ON a.author_type = 'customer' AND c.id = a.author_id
            LEFT JOIN staff_account s ON a.author_type = 'staff' AND s.id = a.author_id
            """;

    @SqlUpdate("""
            INSERT INTO product_question (id, product_id, customer_id, body, status, flag_reason, created_at, updated_at)
            VALUES (:id, :productId, :customerId, :body, :status, :flagReason, :now, :now)
            """)
    void insertQuestion(@Bind("id") UUID id, @Bind("productId") UUID productId, @Bind("customerId") UUID customerId,
                        @Bind("body") String body, @Bind("status") String status,
                        @Bind("flagReason") String flagReason, @Bind("now") Instant now);

    @SqlUpdate("""
            INSERT INTO product_answer (id, question_id, author_type, author_id, body, verified_purchase, status,
                                        flag_reason, created_at, updated_at)
            VALUES (:id, :questionId, :authorType, :authorId, :body, :verifiedPurchase, :status, :flagReason, :now, :now)
            """)
    void insertAnswer(@Bind("id") UUID id, @Bind("questionId") UUID questionId, @Bind("authorType") String authorType,
                      @Bind("authorId") UUID authorId, @Bind("body") String body,
                      @Bind("verifiedPurchase") boolean verifiedPurchase, @Bind("status") String status,
                      @Bind("flagReason") String flagReason, @Bind("now") Instant now);

    @SqlQuery(QUESTIONS + "WHERE q.id = :id")
    Optional<QuestionRow> findQuestion(@Bind("id") UUID id);

    @SqlQuery(QUESTIONS + "WHERE q.id = :id FOR UPDATE OF q")
    Optional<QuestionRow> lockQuestion(@Bind("id") UUID id);

    @SqlQuery(ANSWERS + "WHERE a.id = :id")
    Optional<AnswerRow> findAnswer(@Bind("id") UUID id);

    @SqlQuery(ANSWERS + "WHERE a.id = :id FOR UPDATE OF a")
    Optional<AnswerRow> lockAnswer(@Bind("id") UUID id);

    @SqlUpdate("""
            UPDATE product_question SET status = :status, moderation_message = :message, moderated_by = :staffId,
                   moderated_at = :now, updated_at = :now
            WHERE id = :id
            """)
    int decideQuestion(@Bind("id") UUID id, @Bind("status") String status, @Bind("message") String message,
                       @Bind("staffId") UUID staffId, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE product_answer SET status = :status, moderation_message = :message, moderated_by = :staffId,
                   moderated_at = :now, updated_at = :now
            WHERE id = :id
            """)
    int decideAnswer(@Bind("id") UUID id, @Bind("status") String status, @Bind("message") String message,
                     @Bind("staffId") UUID staffId, @Bind("now") Instant now);

    @SqlQuery(QUESTIONS + """
            WHERE q.product_id = :productId AND q.status = 'approved'
              AND (CAST(:cursorAt AS timestamptz) IS NULL OR (q.created_at, q.id) < (:cursorAt, :cursorId))
            ORDER BY q.created_at DESC, q.id DESC
            LIMIT :limit
            """)
    List<QuestionRow> listApproved(@Bind("productId") UUID productId, @Bind("cursorAt") Instant cursorAt,
                                   @Bind("cursorId") UUID cursorId, @Bind("limit") int limit);

    /** Approved answers of a page of questions in one query (no N+1), oldest first per question. */
    @SqlQuery(ANSWERS + "WHERE a.question_id = ANY(:ids) AND a.status = 'approved' ORDER BY a.created_at, a.id")
    List<AnswerRow> listApprovedAnswers(@Bind("ids") UUID[] questionIds);

    @SqlQuery(ANSWERS + "WHERE a.question_id = :id ORDER BY a.created_at, a.id")
    List<AnswerRow> listAllAnswers(@Bind("id") UUID questionId);

    @SqlQuery(QUESTIONS + """
            WHERE (CAST(:status AS text) IS NULL OR q.status = :status)
              AND (CAST(:productId AS uuid) IS NULL OR q.product_id = :productId)
              AND (CAST(:cursorAt AS timestamptz) IS NULL OR (q.created_at, q.id) < (:cursorAt, :cursorId))
            ORDER BY q.created_at DESC, q.id DESC
            LIMIT :limit
            """)
    List<QuestionRow> searchQuestions(@Bind("status") String status, @Bind("productId") UUID productId,
                                      @Bind("cursorAt") Instant cursorAt, @Bind("cursorId") UUID cursorId,
                                      @Bind("limit") int limit);

    @SqlQuery(ANSWERS + """
            WHERE (CAST(:status AS text) IS NULL OR a.status = :status)
              AND (CAST(:cursorAt AS timestamptz) IS NULL OR (a.created_at, a.id) < (:cursorAt, :cursorId))
            ORDER BY a.created_at DESC, a.id DESC
            LIMIT :limit
            """)
    List<AnswerRow> searchAnswers(@Bind("status") String status, @Bind("cursorAt") Instant cursorAt,
                                  @Bind("cursorId") UUID cursorId, @Bind("limit") int limit);

    @SqlQuery(QUESTIONS + "WHERE q.customer_id = :customerId ORDER BY q.created_at, q.id")
    List<QuestionRow> listQuestionsByCustomer(@Bind("customerId") UUID customerId);

    @SqlQuery(ANSWERS + "WHERE a.author_type = 'customer' AND a.author_id = :customerId ORDER BY a.created_at, a.id")
    List<AnswerRow> listAnswersByCustomer(@Bind("customerId") UUID customerId);

    /** Erasure: the customer's questions go, with the answers to them. */
    @SqlUpdate("DELETE FROM product_question WHERE customer_id = :customerId")
    int deleteQuestionsByCustomer(@Bind("customerId") UUID customerId);

    @SqlUpdate("DELETE FROM product_answer WHERE author_type = 'customer' AND author_id = :customerId")
    int deleteAnswersByCustomer(@Bind("customerId") UUID customerId);
}
