package io.bazaar.crm.privacy.app;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The after-sales and loyalty part of export and erasure: tickets, survey answers and points.
 * Export reads each as one JSON document per row; erasure removes the text people typed and keeps
 * the figures (SLA times, scores, point amounts) under the customer id, which is the pseudonym.
 */
final class AfterSalesPersonalData {
    private AfterSalesPersonalData() {
    }

    /** The customer's tickets with their thread; staff-internal notes are not part of it. */
    static List<String> ticketsJson(Handle h, UUID customerId) {
        return h.createQuery("""
                SELECT json_build_object('id', t.id, 'type', t.type, 'subject', t.subject, 'priority', t.priority,
                           'status', t.status, 'channel', t.channel, 'order_id', t.order_id,
                           'order_number', t.order_number, 'product_ref', t.product_ref, 'created_at', t.created_at,
                           'first_responded_at', t.first_responded_at, 'resolved_at', t.resolved_at,
                           'closed_at', t.closed_at, 'csat_score', t.csat_score, 'csat_comment', t.csat_comment,
                           'csat_answered_at', t.csat_answered_at,
                           'messages', COALESCE((SELECT json_agg(json_build_object('author', m.author_type,
                                                     'body', m.body, 'created_at', m.created_at)
                                                     ORDER BY m.created_at, m.id)
                                                 FROM crm_ticket_message m
                                                 WHERE m.ticket_id = t.id AND m.visibility <> 'internal'), '[]'))::text
                FROM crm_ticket t WHERE t.customer_id = :id ORDER BY t.created_at, t.id
                """).bind("id", customerId).mapTo(String.class).list();
    }

    /** Survey invitations with the answers given. */
    static List<String> surveysJson(Handle h, UUID customerId) {
        return h.createQuery("""
                SELECT json_build_object('id', i.id, 'survey', st.name, 'order_id', i.order_id,
                           'product_ref', i.product_ref, 'category_ref', i.category_ref, 'sent_at', i.created_at,
                           'answered_at', i.answered_at,
                           'answers', COALESCE((SELECT json_agg(json_build_object('question', a.question_key,
                                                    'kind', a.kind, 'score', a.score, 'choices', a.choices,
                                                    'text', a.text_answer) ORDER BY a.question_key)
                                                FROM crm_survey_answer a WHERE a.invitation_id = i.id), '[]'))::text
                FROM crm_survey_invitation i JOIN crm_survey_template st ON st.id = i.template_id
                WHERE i.customer_id = :id ORDER BY i.created_at, i.id
                """).bind("id", customerId).mapTo(String.class).list();
    }

    /** Balance and the whole points ledger. */
    static String pointsJson(Handle h, UUID customerId) {
        return h.createQuery("""
                SELECT json_build_object(
                    'balance', COALESCE((SELECT balance FROM crm_points_balance WHERE customer_id = :id), 0),
                    'ledger', COALESCE((SELECT json_agg(json_build_object('delta', p.delta, 'reason', p.reason,
                                            'order_id', p.order_id, 'note', p.note, 'expires_at', p.expires_at,
                                            'created_at', p.created_at) ORDER BY p.created_at, p.id)
                                        FROM crm_points_ledger p WHERE p.customer_id = :id), '[]'))::text
                """).bind("id", customerId).mapTo(String.class).one();
    }

    /**
     * Ticket subjects and every message body (the customer's and the staff's, which address the
     * customer), CSAT and survey free text, and staff notes on points go; types, priorities, times,
     * scores and point amounts stay so SLA, NPS and points figures still add up.
     */
    static void erase(Handle h, UUID customerId) {
        h.createUpdate("""
                UPDATE crm_ticket_message SET body = '[erased]'
                WHERE ticket_id IN (SELECT id FROM crm_ticket WHERE customer_id = :id)
                """).bind("id", customerId).execute();
        h.createUpdate("""
                UPDATE crm_ticket_history SET note = NULL
                WHERE note IS NOT NULL AND ticket_id IN (SELECT id FROM crm_ticket WHERE customer_id = :id)
                """).bind("id", customerId).execute();
        h.createUpdate("""
                UPDATE crm_ticket SET subject = '[erased]', csat_comment = NULL WHERE customer_id = :id
                """).bind("id", customerId).execute();
        h.createUpdate("""
                UPDATE crm_survey_answer SET text_answer = NULL
                WHERE text_answer IS NOT NULL
                  AND invitation_id IN (SELECT id FROM crm_survey_invitation WHERE customer_id = :id)
                """).bind("id", customerId).execute();
        h.createUpdate("UPDATE crm_points_ledger SET note = NULL WHERE customer_id = :id AND note IS NOT NULL")
                .bind("id", customerId).execute();
        h.createUpdate("""
                UPDATE crm_ticket_goodwill SET reason = '[erased]'
                WHERE ticket_id IN (SELECT id FROM crm_ticket WHERE customer_id = :id)
                """).bind("id", customerId).execute();
        h.createUpdate("UPDATE crm_staff_task SET title = '[erased]' WHERE customer_id = :id")
                .bind("id", customerId).execute();
        // Ticket timeline entries quote the subject.
        h.createUpdate("""
                UPDATE crm_timeline_entry
                SET summary = CASE type WHEN 'ticket.opened' THEN 'Opened a ticket'
                                        WHEN 'ticket.resolved' THEN 'Ticket resolved'
                                        ELSE 'Goodwill for a ticket' END
                WHERE customer_id = :id AND type IN ('ticket.opened', 'ticket.resolved', 'ticket.goodwill')
                """).bind("id", customerId).execute();
    }
}
