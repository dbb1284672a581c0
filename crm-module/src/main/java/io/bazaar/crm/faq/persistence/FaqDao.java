package io.bazaar.crm.faq.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface FaqDao {
    String ENTRY_COLUMNS = """
            e.id, e.category_id, e.locale, e.question, e.answer, e.published, e.position, e.helpful_yes, e.helpful_no,
            e.created_at, e.updated_at
            """;
    /** How many of the query's words occur in the entry's folded text (crm_fold on both sides). */
    String HITS = """
            (SELECT count(*) FROM unnest(CAST(:words AS text[])) w
              WHERE strpos(e.search_text, crm_fold(replace(w, U&'\\200C', ''))) > 0)
            """;

    // ---- categories ---------------------------------------------------------------------------

    @SqlUpdate("""
            INSERT INTO crm_faq_category (id, locale, name, position, created_at, updated_at)
            VALUES (:id, :locale, :name, :position, :createdAt, :updatedAt)
            """)
    void insertCategory(@BindMethods FaqCategoryRow c);

    @SqlUpdate("UPDATE crm_faq_category SET name = :name, position = :position, updated_at = :updatedAt WHERE id = :id")
    int updateCategory(@BindMethods FaqCategoryRow c);

    @SqlUpdate("DELETE FROM crm_faq_category c WHERE id = :id AND NOT EXISTS (SELECT 1 FROM crm_faq_entry WHERE category_id = c.id)")
    int deleteEmptyCategory(@Bind("id") UUID id);

    @SqlQuery("SELECT id, locale, name, position, created_at, updated_at FROM crm_faq_category WHERE id = :id")
    Optional<FaqCategoryRow> findCategory(@Bind("id") UUID id);

    @SqlQuery("""
            SELECT id, locale, name, position, created_at, updated_at FROM crm_faq_category
            WHERE (CAST(:locale AS text) IS NULL OR locale = :locale) ORDER BY locale, position, name, id
            """)
    List<FaqCategoryRow> listCategories(@Bind("locale") String locale);

    // ---- entries ------------------------------------------------------------------------------

    @SqlUpdate("""
            INSERT INTO crm_faq_entry (id, category_id, locale, question, answer, published, position, helpful_yes,
                                       helpful_no, created_at, updated_at)
            VALUES (:id, :categoryId, :locale, :question, :answer, :published, :position, 0, 0, :createdAt, :updatedAt)
            """)
    void insertEntry(@BindMethods FaqEntryRow e);

    @SqlUpdate("""
            UPDATE crm_faq_entry SET category_id = :categoryId, locale = :locale, question = :question, answer = :answer,
                   published = :published, position = :position, updated_at = :updatedAt
            WHERE id = :id
            """)
    int updateEntry(@BindMethods FaqEntryRow e);

    @SqlUpdate("DELETE FROM crm_faq_vote WHERE entry_id = :id")
    void deleteVotes(@Bind("id") UUID id);

    @SqlUpdate("DELETE FROM crm_faq_entry WHERE id = :id")
    int deleteEntry(@Bind("id") UUID id);

    @SqlQuery("SELECT " + ENTRY_COLUMNS + " FROM crm_faq_entry e WHERE e.id = :id")
    Optional<FaqEntryRow> findEntry(@Bind("id") UUID id);

    @SqlQuery("SELECT " + ENTRY_COLUMNS + """
             FROM crm_faq_entry e
            WHERE (CAST(:categoryId AS uuid) IS NULL OR e.category_id = :categoryId)
              AND (CAST(:locale AS text) IS NULL OR e.locale = :locale)
              AND (NOT :publishedOnly OR e.published)
            ORDER BY e.position, e.created_at, e.id
            LIMIT :limit
            """)
    List<FaqEntryRow> listEntries(@Bind("categoryId") UUID categoryId, @Bind("locale") String locale,
                                  @Bind("publishedOnly") boolean publishedOnly, @Bind("limit") int limit);

    /**
     * Published entries matching at least {@code minHits} of the words, best match first, then the
     * most helpful. {@code minHits} = all words for a search, 1 for suggestions.
     */
    @SqlQuery("SELECT " + ENTRY_COLUMNS + " FROM crm_faq_entry e WHERE e.published "
            + "AND (CAST(:locale AS text) IS NULL OR e.locale = :locale) AND " + HITS + " >= :minHits "
            + "ORDER BY " + HITS + " DESC, (e.helpful_yes - e.helpful_no) DESC, e.position, e.id LIMIT :limit")
    List<FaqEntryRow> search(@Bind("words") List<String> words, @Bind("locale") String locale,
                             @Bind("minHits") int minHits, @Bind("limit") int limit);

    // ---- helpful votes ------------------------------------------------------------------------

    @SqlUpdate("""
            INSERT INTO crm_faq_vote (entry_id, voter_key, helpful, created_at, updated_at)
            VALUES (:entryId, :voterKey, :helpful, :now, :now) ON CONFLICT DO NOTHING
            """)
    int insertVote(@Bind("entryId") UUID entryId, @Bind("voterKey") String voterKey, @Bind("helpful") boolean helpful,
                   @Bind("now") Instant now);

    /** Zero rows when the voter's vote already says this. */
    @SqlUpdate("""
            UPDATE crm_faq_vote SET helpful = :helpful, updated_at = :now
            WHERE entry_id = :entryId AND voter_key = :voterKey AND helpful <> :helpful
            """)
    int changeVote(@Bind("entryId") UUID entryId, @Bind("voterKey") String voterKey, @Bind("helpful") boolean helpful,
                   @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE crm_faq_entry SET helpful_yes = helpful_yes + :yes, helpful_no = helpful_no + :no WHERE id = :id
            """)
    void addCounts(@Bind("id") UUID id, @Bind("yes") int yes, @Bind("no") int no);

    // ---- suggestions and deflection -----------------------------------------------------------

    @SqlUpdate("""
            INSERT INTO crm_faq_suggestion_view (id, customer_id, query, entry_ids, created_at)
            VALUES (:id, :customerId, :query, :entryIds, :now)
            """)
    void insertView(@Bind("id") UUID id, @Bind("customerId") UUID customerId, @Bind("query") String query,
                    @Bind("entryIds") List<UUID> entryIds, @Bind("now") Instant now);

    @SqlQuery("""
            SELECT id, customer_id, query, entry_ids, solved_entry_id, solved_at, created_at
            FROM crm_faq_suggestion_view WHERE id = :id
            """)
    Optional<SuggestionViewRow> findView(@Bind("id") UUID id);

    @SqlUpdate("""
            UPDATE crm_faq_suggestion_view SET solved_entry_id = :entryId, solved_at = :now
            WHERE id = :id AND solved_at IS NULL
            """)
    int markSolved(@Bind("id") UUID id, @Bind("entryId") UUID entryId, @Bind("now") Instant now);

    /**
     * Views shown in [from, to): those whose window is over are counted, split by whether the same
     * customer opened a ticket within the window after the view; the rest are pending.
     */
    @SqlQuery("""
            SELECT count(*) FILTER (WHERE v.created_at + make_interval(secs => CAST(:windowSeconds AS double precision)) <= :now) AS views,
                   count(*) FILTER (WHERE v.created_at + make_interval(secs => CAST(:windowSeconds AS double precision)) <= :now AND EXISTS (
                       SELECT 1 FROM crm_ticket t WHERE t.customer_id = v.customer_id
                          AND t.created_at >= v.created_at AND t.created_at <= v.created_at + make_interval(secs => CAST(:windowSeconds AS double precision))))
                       AS followed_by_ticket,
                   count(*) FILTER (WHERE v.created_at + make_interval(secs => CAST(:windowSeconds AS double precision)) <= :now AND v.solved_at IS NOT NULL) AS marked_solved,
                   count(*) FILTER (WHERE v.created_at + make_interval(secs => CAST(:windowSeconds AS double precision)) > :now) AS pending
            FROM crm_faq_suggestion_view v
            WHERE v.created_at >= :from AND v.created_at < :to
            """)
    DeflectionRow deflection(@Bind("from") Instant from, @Bind("to") Instant to,
                             @Bind("windowSeconds") long windowSeconds, @Bind("now") Instant now);
}
