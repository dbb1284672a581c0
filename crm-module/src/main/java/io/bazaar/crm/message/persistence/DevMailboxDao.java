package io.bazaar.crm.message.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface DevMailboxDao {
    @SqlUpdate("""
            INSERT INTO crm_dev_mailbox (id, message_id, recipient, subject, body_text, body_html, headers, delivered_at)
            VALUES (:id, :messageId, :recipient, :subject, :text, :html, CAST(:headers AS jsonb), :at)
            """)
    void insert(@Bind("id") UUID id, @Bind("messageId") UUID messageId, @Bind("recipient") String recipient,
                @Bind("subject") String subject, @Bind("text") String text, @Bind("html") String html,
                @Bind("headers") String headers, @Bind("at") Instant at);

    @SqlQuery("""
            SELECT id, message_id, recipient, subject, body_text, body_html, headers::text AS headers, delivered_at
            FROM crm_dev_mailbox
            WHERE (CAST(:recipient AS text) IS NULL OR lower(recipient) = lower(:recipient))
              AND (CAST(:cursorAt AS timestamptz) IS NULL OR (delivered_at, id) < (:cursorAt, :cursorId))
            ORDER BY delivered_at DESC, id DESC
            LIMIT :limit
            """)
    List<DevMailboxRow> list(@Bind("recipient") String recipient, @Bind("cursorAt") Instant cursorAt,
                             @Bind("cursorId") UUID cursorId, @Bind("limit") int limit);

    @SqlUpdate("""
            UPDATE crm_dev_mailbox SET recipient = :pseudonym, subject = '[erased]', body_text = '[erased]',
                                       body_html = NULL, headers = '{}'
            WHERE message_id IN (SELECT id FROM crm_message WHERE subject_id = :subjectId)
            """)
    int erase(@Bind("subjectId") UUID subjectId, @Bind("pseudonym") String pseudonym);
}
