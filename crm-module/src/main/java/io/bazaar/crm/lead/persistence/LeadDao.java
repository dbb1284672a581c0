package io.bazaar.crm.lead.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface LeadDao {

    /** One lead per email: a second sign-up refreshes it instead of failing, and returns its id. */
    @SqlQuery("""
            INSERT INTO crm_lead (id, email, email_normalized, name, locale, source, created_at, updated_at)
            VALUES (:id, :email, :emailNormalized, :name, :locale, :source, :now, :now)
            ON CONFLICT (email_normalized) DO UPDATE
            SET name = COALESCE(EXCLUDED.name, crm_lead.name), updated_at = EXCLUDED.updated_at
            RETURNING id
            """)
    UUID upsert(@Bind("id") UUID id, @Bind("email") String email, @Bind("emailNormalized") String emailNormalized,
                @Bind("name") String name, @Bind("locale") String locale, @Bind("source") String source,
                @Bind("now") Instant now);

    @SqlUpdate("""
            INSERT INTO crm_lead_question (id, lead_id, question, product_ref, created_at)
            VALUES (:id, :leadId, :question, :productRef, :now)
            """)
    void insertQuestion(@Bind("id") UUID id, @Bind("leadId") UUID leadId, @Bind("question") String question,
                        @Bind("productRef") String productRef, @Bind("now") Instant now);

    /**
     * Marks the lead with this email converted by a registration, once; a lead that already converted by
     * a guest order keeps that first conversion time. Returns its id, or empty if there is none to convert.
     */
    @SqlQuery("""
            UPDATE crm_lead SET converted_customer_id = :customerId, converted_at = COALESCE(converted_at, :at),
                                updated_at = :at
            WHERE email_normalized = :emailNormalized AND converted_customer_id IS NULL AND erased_at IS NULL
            RETURNING id
            """)
    Optional<UUID> convert(@Bind("emailNormalized") String emailNormalized, @Bind("customerId") UUID customerId,
                           @Bind("at") Instant at);

    @SqlQuery("""
            SELECT l.id, l.email, l.name, l.locale, l.source, l.converted_customer_id, l.converted_at, l.created_at,
                   (SELECT count(*) FROM crm_lead_question q WHERE q.lead_id = l.id) AS question_count
            FROM crm_lead l
            WHERE l.erased_at IS NULL
              AND (CAST(:converted AS boolean) IS NULL OR (l.converted_at IS NOT NULL) = :converted)
              AND (CAST(:cursorAt AS timestamptz) IS NULL OR (l.created_at, l.id) < (:cursorAt, :cursorId))
            ORDER BY l.created_at DESC, l.id DESC
            LIMIT :limit
            """)
    List<LeadRow> list(@Bind("converted") Boolean converted, @Bind("cursorAt") Instant cursorAt,
                       @Bind("cursorId") UUID cursorId, @Bind("limit") int limit);

    @SqlUpdate("""
            UPDATE crm_lead SET email = :pseudonym, email_normalized = :pseudonym, name = NULL, erased_at = :now, updated_at = :now
            WHERE converted_customer_id = :customerId AND erased_at IS NULL
            """)
    int eraseConvertedInto(@Bind("customerId") UUID customerId, @Bind("pseudonym") String pseudonym,
                           @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE crm_lead_question SET question = '[erased]'
            WHERE lead_id IN (SELECT id FROM crm_lead WHERE converted_customer_id = :customerId)
            """)
    int eraseQuestionsConvertedInto(@Bind("customerId") UUID customerId);

    // ---- Abandoned-cart leads (issue #6) ----

    /**
     * Guest orders (parallel arrays, in the order placed) convert the leads with their emails, once: an email's
     * first order in the arrays converts its lead, and a lead already converted keeps its conversion; a registration
     * later keeps this time. {@code ats} are ISO-8601 instants ({@link Instant#toString()}).
     */
    @SqlUpdate("""
            UPDATE crm_lead l SET converted_at = o.at, converted_order_id = o.order_id, updated_at = o.at
            FROM (SELECT DISTINCT ON (email) email, order_id, at
                  FROM unnest(CAST(:emails AS text[]), CAST(:orderIds AS uuid[]), CAST(CAST(:ats AS text[]) AS timestamptz[]))
                       WITH ORDINALITY AS o(email, order_id, at, n)
                  ORDER BY email, n) o
            WHERE l.email_normalized = o.email AND l.converted_at IS NULL AND l.erased_at IS NULL
            """)
    int convertByOrders(@Bind("emails") String[] emailsNormalized, @Bind("orderIds") UUID[] orderIds,
                        @Bind("ats") String[] ats);

    @SqlUpdate("""
            INSERT INTO crm_lead_cart (cart_id, lead_id, item_count, abandoned_at, created_at)
            VALUES (:cartId, :leadId, :items, :abandonedAt, :now)
            ON CONFLICT (cart_id) DO NOTHING
            """)
    int insertCart(@Bind("cartId") UUID cartId, @Bind("leadId") UUID leadId, @Bind("items") int items,
                   @Bind("abandonedAt") Instant abandonedAt, @Bind("now") Instant now);
    // ---- end ----
}
