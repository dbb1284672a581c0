package io.bazaar.crm.survey.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface SurveyDao {
    String FILTER = """
             a.template_id = :templateId AND a.answered_at >= :from AND a.answered_at < :to
              AND (CAST(:productRef AS text) IS NULL OR a.product_ref = :productRef)
              AND (CAST(:categoryRef AS text) IS NULL OR a.category_ref = :categoryRef)
            """;

    @SqlUpdate("""
            INSERT INTO crm_survey_template (id, name, locale, questions, created_at)
            VALUES (:id, :name, :locale, CAST(:questions AS jsonb), :now)
            """)
    void insertTemplate(@Bind("id") UUID id, @Bind("name") String name, @Bind("locale") String locale,
                        @Bind("questions") String questions, @Bind("now") Instant now);

    @SqlQuery("SELECT id, name, locale, questions::text AS questions, created_at FROM crm_survey_template WHERE id = :id")
    Optional<SurveyTemplateRow> findTemplate(@Bind("id") UUID id);

    @SqlQuery("SELECT id, name, locale, questions::text AS questions, created_at FROM crm_survey_template "
            + "ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<SurveyTemplateRow> listTemplates(@Bind("limit") int limit);

    @SqlUpdate("""
            INSERT INTO crm_survey_invitation (id, template_id, customer_id, order_id, product_ref, category_ref,
                                               expires_at, created_at)
            VALUES (:id, :templateId, :customerId, :orderId, :productRef, :categoryRef, :expiresAt, :now)
            """)
    void insertInvitation(@Bind("id") UUID id, @Bind("templateId") UUID templateId, @Bind("customerId") UUID customerId,
                          @Bind("orderId") UUID orderId, @Bind("productRef") String productRef,
                          @Bind("categoryRef") String categoryRef, @Bind("expiresAt") Instant expiresAt,
                          @Bind("now") Instant now);

    @SqlQuery("""
            SELECT id, template_id, customer_id, order_id, product_ref, category_ref, expires_at, answered_at, ticket_id,
                   created_at
            FROM crm_survey_invitation WHERE id = :id
            """)
    Optional<InvitationRow> findInvitation(@Bind("id") UUID id);

    /** The "answered once" guard: of two concurrent answers exactly one flips answered_at. */
    @SqlUpdate("UPDATE crm_survey_invitation SET answered_at = :now WHERE id = :id AND answered_at IS NULL")
    int markAnswered(@Bind("id") UUID id, @Bind("now") Instant now);

    @SqlUpdate("UPDATE crm_survey_invitation SET ticket_id = :ticketId WHERE id = :id")
    void linkTicket(@Bind("id") UUID id, @Bind("ticketId") UUID ticketId);

    @SqlUpdate("""
            INSERT INTO crm_survey_answer (id, invitation_id, template_id, question_key, kind, score, choices,
                                           text_answer, product_ref, category_ref, answered_at, created_at)
            VALUES (:id, :invitationId, :templateId, :key, :kind, :score, CAST(:choices AS text[]), :text, :productRef,
                    :categoryRef, :now, :now)
            """)
    void insertAnswer(@Bind("id") UUID id, @Bind("invitationId") UUID invitationId, @Bind("templateId") UUID templateId,
                      @Bind("key") String key, @Bind("kind") String kind, @Bind("score") Integer score,
                      @Bind("choices") List<String> choices, @Bind("text") String text,
                      @Bind("productRef") String productRef, @Bind("categoryRef") String categoryRef,
                      @Bind("now") Instant now);

    /** Distribution of every score and choice per question. */
    @SqlQuery("""
            SELECT a.question_key, a.kind, v.value, count(*) AS answers
            FROM crm_survey_answer a
            CROSS JOIN LATERAL (
                SELECT a.score::text AS value WHERE a.score IS NOT NULL
                UNION ALL SELECT unnest(a.choices)
            ) v
            WHERE""" + FILTER + """
            GROUP BY a.question_key, a.kind, v.value
            ORDER BY a.question_key, v.value
            """)
    List<AnswerStatRow> distribution(@Bind("templateId") UUID templateId, @Bind("from") Instant from,
                                     @Bind("to") Instant to, @Bind("productRef") String productRef,
                                     @Bind("categoryRef") String categoryRef);

    @SqlQuery("""
            SELECT date_trunc('month', a.answered_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS period,
                   count(*) FILTER (WHERE a.kind = 'nps' AND a.score >= 9) AS promoters,
                   count(*) FILTER (WHERE a.kind = 'nps' AND a.score BETWEEN 7 AND 8) AS passives,
                   count(*) FILTER (WHERE a.kind = 'nps' AND a.score <= 6) AS detractors,
                   count(*) FILTER (WHERE a.kind = 'csat') AS csat_answers,
                   count(*) FILTER (WHERE a.kind = 'csat' AND a.score >= 4) AS csat_satisfied,
                   COALESCE(sum(a.score) FILTER (WHERE a.kind = 'csat'), 0) AS csat_sum
            FROM crm_survey_answer a
            WHERE""" + FILTER + """
              AND a.kind IN ('nps', 'csat')
            GROUP BY 1 ORDER BY 1
            """)
    List<NpsPeriodRow> byMonth(@Bind("templateId") UUID templateId, @Bind("from") Instant from, @Bind("to") Instant to,
                               @Bind("productRef") String productRef, @Bind("categoryRef") String categoryRef);

    @SqlQuery("""
            SELECT a.invitation_id, a.question_key, a.text_answer, a.product_ref, a.answered_at
            FROM crm_survey_answer a
            WHERE""" + FILTER + """
              AND a.kind = 'free_text' AND a.text_answer IS NOT NULL
            ORDER BY a.answered_at DESC, a.id DESC LIMIT :limit
            """)
    List<FreeTextRow> freeText(@Bind("templateId") UUID templateId, @Bind("from") Instant from, @Bind("to") Instant to,
                               @Bind("productRef") String productRef, @Bind("categoryRef") String categoryRef,
                               @Bind("limit") int limit);
}
