package io.bazaar.crm.customer.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface ContactDao {
    String COLUMNS = """
            c.customer_id, c.email, c.name, c.phone, c.locale, c.became_customer_at, c.customer_type, c.company_name,
            c.tax_id, c.account_manager_id, c.account_manager_assigned_at, c.tags, c.erased_at, c.created_at
            """;

    @SqlUpdate("""
            INSERT INTO crm_contact (customer_id, email, email_normalized, name, phone, locale, became_customer_at,
                                     created_at, updated_at)
            VALUES (:customerId, :email, :emailNormalized, :name, :phone, :locale, :at, :at, :at)
            ON CONFLICT (customer_id) DO NOTHING
            """)
    int insert(@Bind("customerId") UUID customerId, @Bind("email") String email,
               @Bind("emailNormalized") String emailNormalized, @Bind("name") String name,
               @Bind("phone") String phone, @Bind("locale") String locale, @Bind("at") Instant at);

    @SqlQuery("SELECT " + COLUMNS + " FROM crm_contact c WHERE c.customer_id = :id")
    Optional<ContactRow> findById(@Bind("id") UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM crm_contact c WHERE c.customer_id = :id FOR UPDATE")
    Optional<ContactRow> findByIdForUpdate(@Bind("id") UUID id);

    @SqlUpdate("""
            UPDATE crm_contact SET customer_type = :type, company_name = :companyName, tax_id = :taxId, tags = CAST(:tags AS text[]),
                                   version = version + 1, updated_at = :now
            WHERE customer_id = :id
            """)
    int updateProfile(@Bind("id") UUID id, @Bind("type") String type, @Bind("companyName") String companyName,
                      @Bind("taxId") String taxId, @Bind("tags") List<String> tags, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE crm_contact SET account_manager_id = :staffId,
                                   account_manager_assigned_at = CASE WHEN CAST(:staffId AS uuid) IS NULL THEN NULL ELSE CAST(:now AS timestamptz) END,
                                   updated_at = :now
            WHERE customer_id = :id
            """)
    int updateAccountManager(@Bind("id") UUID id, @Bind("staffId") UUID staffId, @Bind("now") Instant now);

    /**
     * Staff search. {@code crm_fold} makes Persian/Arabic letter and digit variants equal; phone
     * matches on digits only, so "+98 912" finds "0912...". Keyset over (created_at, id), newest first.
     */
    @SqlQuery("SELECT " + COLUMNS + """
            FROM crm_contact c
            WHERE c.erased_at IS NULL
              AND (CAST(:q AS text) IS NULL
                   OR crm_fold(c.name) LIKE '%' || crm_fold(:q) || '%'
                   OR c.email_normalized LIKE '%' || lower(:q) || '%'
                   OR (length(:digits) >= 4 AND regexp_replace(crm_fold(c.phone), '[^0-9]', '', 'g') LIKE '%' || :digits || '%')
                   OR EXISTS (SELECT 1 FROM crm_order_ledger o WHERE o.customer_id = c.customer_id AND o.order_number = :q))
              AND (CAST(:tag AS text) IS NULL OR :tag = ANY (c.tags))
              AND (CAST(:cursorAt AS timestamptz) IS NULL OR (c.created_at, c.customer_id) < (:cursorAt, :cursorId))
            ORDER BY c.created_at DESC, c.customer_id DESC
            LIMIT :limit
            """)
    List<ContactRow> search(@Bind("q") String q, @Bind("digits") String digits, @Bind("tag") String tag,
                            @Bind("cursorAt") Instant cursorAt, @Bind("cursorId") UUID cursorId,
                            @Bind("limit") int limit);

    /** An account manager's customers with their latest timeline entry and activity count of the last 30 days. */
    @SqlQuery("""
            SELECT c.customer_id, c.email, c.name, c.customer_type, c.company_name, c.tags, c.account_manager_assigned_at,
                   t.type AS last_activity_type, t.summary AS last_activity_summary, t.occurred_at AS last_activity_at,
                   (SELECT count(*) FROM crm_timeline_entry a
                    WHERE a.customer_id = c.customer_id AND a.occurred_at >= :since) AS activity_last_30_days
            FROM crm_contact c
            LEFT JOIN LATERAL (
                SELECT type, summary, occurred_at FROM crm_timeline_entry e
                WHERE e.customer_id = c.customer_id ORDER BY e.occurred_at DESC, e.id DESC LIMIT 1
            ) t ON true
            WHERE c.account_manager_id = :staffId
            ORDER BY t.occurred_at DESC NULLS LAST, c.customer_id
            LIMIT :limit
            """)
    List<ManagedCustomerRow> listByAccountManager(@Bind("staffId") UUID staffId, @Bind("since") Instant since,
                                                  @Bind("limit") int limit);

    @SqlUpdate("""
            UPDATE crm_contact SET email = :pseudonym, email_normalized = :pseudonym, name = NULL, phone = NULL,
                                   company_name = NULL, tax_id = NULL, tags = '{}', birth_date = NULL,
                                   erased_at = :now, updated_at = :now
            WHERE customer_id = :id AND erased_at IS NULL
            """)
    int erase(@Bind("id") UUID id, @Bind("pseudonym") String pseudonym, @Bind("now") Instant now);
}
