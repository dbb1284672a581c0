package io.bazaar.crm.message.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface MessageDao {
    String COLUMNS = """
            id, subject_id, channel, category, purpose, template, locale, recipient, subject, body_text, body_html,
            status, attempts, next_attempt_at, last_error, sent_at, created_at
            """;

    /** @return 0 when a message with this dedupe key was already queued (a redelivered event) */
    @SqlUpdate("""
            INSERT INTO crm_message (id, subject_id, channel, category, purpose, template, locale, recipient, subject,
                                     body_text, body_html, next_attempt_at, dedupe_key, created_at, updated_at)
            VALUES (:id, :subjectId, :channel, :category, :purpose, :template, :locale, :recipient, :subject,
                    :text, :html, :now, :dedupeKey, :now, :now)
            ON CONFLICT (dedupe_key) DO NOTHING
            """)
    int insert(@Bind("id") UUID id, @Bind("subjectId") UUID subjectId, @Bind("channel") String channel,
               @Bind("category") String category, @Bind("purpose") String purpose, @Bind("template") String template,
               @Bind("locale") String locale, @Bind("recipient") String recipient, @Bind("subject") String subject,
               @Bind("text") String text, @Bind("html") String html, @Bind("dedupeKey") String dedupeKey,
               @Bind("now") Instant now);

    /**
     * Claims due messages. {@code SKIP LOCKED}: several senders (threads, instances) poll at once and
     * each message is locked by one of them until its transaction ends, so nothing is sent twice.
     */
    @SqlQuery("SELECT " + COLUMNS + """
            FROM crm_message
            WHERE status = 'queued' AND next_attempt_at <= :now
            ORDER BY next_attempt_at, id
            LIMIT :limit
            FOR UPDATE SKIP LOCKED
            """)
    List<MessageRow> claimDue(@Bind("now") Instant now, @Bind("limit") int limit);

    @SqlUpdate("""
            UPDATE crm_message SET status = :status, attempts = attempts + :attempted, sent_at = :sentAt,
                                   last_error = :error, updated_at = :now
            WHERE id = :id
            """)
    void finish(@Bind("id") UUID id, @Bind("status") String status, @Bind("attempted") int attempted,
                @Bind("sentAt") Instant sentAt, @Bind("error") String error, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE crm_message SET attempts = attempts + 1, last_error = :error, next_attempt_at = :next, updated_at = :now
            WHERE id = :id
            """)
    void retryLater(@Bind("id") UUID id, @Bind("error") String error, @Bind("next") Instant next,
                    @Bind("now") Instant now);

    @SqlQuery("SELECT " + COLUMNS + " FROM crm_message WHERE subject_id = :subjectId ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<MessageRow> listBySubject(@Bind("subjectId") UUID subjectId, @Bind("limit") int limit);

    @SqlUpdate("""
            UPDATE crm_message SET recipient = :pseudonym, subject = '[erased]', body_text = '[erased]', body_html = NULL,
                                   updated_at = :now
            WHERE subject_id = :subjectId
            """)
    int erase(@Bind("subjectId") UUID subjectId, @Bind("pseudonym") String pseudonym, @Bind("now") Instant now);
}
