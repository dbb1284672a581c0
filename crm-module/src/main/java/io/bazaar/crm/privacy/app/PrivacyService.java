package io.bazaar.crm.privacy.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.crm.consent.app.ConsentService;
import io.bazaar.crm.customer.persistence.ContactDao;
import io.bazaar.crm.customer.persistence.OrderLedgerDao;
import io.bazaar.crm.lead.persistence.LeadDao;
import io.bazaar.crm.message.persistence.DevMailboxDao;
import io.bazaar.crm.message.persistence.MessageDao;
import io.bazaar.crm.timeline.app.TimelineService;
import io.bazaar.crm.timeline.persistence.TimelineDao;
import io.bazaar.shared.error.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Data export and erasure. Erasure pseudonymises rather than deletes: the customer id stays as the
 * pseudonym so order ledger figures still add up and the consent ledger keeps its history, but the
 * email, name, phone, company, tax id, staff free text and message bodies are gone.
 */
public final class PrivacyService {
    public record ErasureResult(UUID customerId, boolean erasedNow, Instant erasedAt) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final ConsentService consents;
    private final TimelineService timeline;
    private final PersonalDataExporter storeExporter;
    private final PersonalDataEraser storeEraser;

    public PrivacyService(Jdbi jdbi, Clock clock, ObjectMapper mapper, ConsentService consents, TimelineService timeline,
                          PersonalDataExporter storeExporter, PersonalDataEraser storeEraser) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.clock = Objects.requireNonNull(clock);
        this.mapper = Objects.requireNonNull(mapper);
        this.consents = Objects.requireNonNull(consents);
        this.timeline = Objects.requireNonNull(timeline);
        this.storeExporter = Objects.requireNonNull(storeExporter);
        this.storeEraser = Objects.requireNonNull(storeEraser);
    }

    public Map<String, Object> export(UUID customerId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("customer_id", customerId);
        out.put("exported_at", clock.instant());
        // The store's part: "account", "orders" and whatever else the store exports, at the top level.
        out.putAll(storeExporter.export(customerId));
        Map<String, Object> crm = new LinkedHashMap<>();
        jdbi.useHandle(h -> {
            crm.put("contact", h.attach(ContactDao.class).findById(customerId).orElse(null));
            // Segments and campaigns (issue #8): the birth date given for birthday greetings.
            crm.put("birth_date", h.createQuery("SELECT birth_date FROM crm_contact WHERE customer_id = :id")
                    .bind("id", customerId).mapTo(java.time.LocalDate.class).findOne().orElse(null));
            crm.put("consents", consents.current(h, customerId));
            crm.put("consent_history", consents.history(h, customerId));
            crm.put("timeline", h.attach(TimelineDao.class).listAll(customerId));
            crm.put("orders", h.attach(OrderLedgerDao.class).listOrdersJson(customerId).stream().map(this::json).toList());
            crm.put("messages", h.attach(MessageDao.class).listBySubject(customerId, 10_000));
            crm.put("leads", h.createQuery("""
                    SELECT l.id, l.source, l.created_at, l.converted_at,
                           (SELECT json_agg(json_build_object('question', q.question, 'asked_at', q.created_at))
                            FROM crm_lead_question q WHERE q.lead_id = l.id)::text AS questions
                    FROM crm_lead l WHERE l.converted_customer_id = :id
                    """).bind("id", customerId).mapToMap().list().stream().map(m -> {
                Map<String, Object> lead = new LinkedHashMap<>(m);
                lead.put("questions", m.get("questions") == null ? List.of() : json((String) m.get("questions")));
                return lead;
            }).toList());
            // ---- Privacy: tickets, surveys, points (issue #6) ----
            crm.put("tickets", AfterSalesPersonalData.ticketsJson(h, customerId).stream().map(this::json).toList());
            crm.put("surveys", AfterSalesPersonalData.surveysJson(h, customerId).stream().map(this::json).toList());
            crm.put("points", json(AfterSalesPersonalData.pointsJson(h, customerId)));
            // ---- end ----
        });
        out.put("crm", crm);
        return out;
    }

    /** Erases once; a second call finds nothing left to erase and reports {@code erasedNow = false}. */
    public ErasureResult erase(UUID customerId) {
        return jdbi.inTransaction(h -> {
            Instant now = clock.instant();
            String pseudonym = "erased-" + customerId + "@erased.invalid";
            boolean storeKnows = storeEraser.erase(h, customerId, pseudonym);
            ContactDao contacts = h.attach(ContactDao.class);
            var contact = contacts.findByIdForUpdate(customerId);
            if (contact.isEmpty() && !storeKnows) {
                throw ApiException.notFound("Customer");
            }
            if (contact.isPresent() && contact.get().erasedAt() != null) {
                return new ErasureResult(customerId, false, contact.get().erasedAt());
            }
            contacts.erase(customerId, pseudonym, now);
            h.attach(TimelineDao.class).eraseStaffText(customerId);
            h.attach(DevMailboxDao.class).erase(customerId, pseudonym);
            h.attach(MessageDao.class).erase(customerId, pseudonym, now);
            LeadDao leads = h.attach(LeadDao.class);
            leads.eraseQuestionsConvertedInto(customerId);
            leads.eraseConvertedInto(customerId, pseudonym, now);
            // ---- Privacy: tickets, surveys, points (issue #6) ----
            AfterSalesPersonalData.erase(h, customerId);
            // ---- end ----
            // Cancel anything not yet sent: there is no one left to send it to.
            h.createUpdate("UPDATE crm_message SET status = 'suppressed', last_error = 'erased' WHERE subject_id = :id AND status = 'queued'")
                    .bind("id", customerId).execute();
            // Follow-ups (issue #7): nothing more to follow up; what they typed before a ticket goes too.
            h.createUpdate("UPDATE crm_follow_up_job SET status = 'cancelled', reason = 'customer_erased', "
                    + "finished_at = :now, updated_at = :now WHERE customer_id = :id AND status = 'pending'")
                    .bind("id", customerId).bind("now", now).execute();
            h.createUpdate("UPDATE crm_faq_suggestion_view SET query = '' WHERE customer_id = :id")
                    .bind("id", customerId).execute();
            return new ErasureResult(customerId, true, now);
        });
    }

    private Object json(String s) {
        try {
            return mapper.readTree(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("invalid JSON from the database", e);
        }
    }
}
