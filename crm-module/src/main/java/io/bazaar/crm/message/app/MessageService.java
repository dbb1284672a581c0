package io.bazaar.crm.message.app;

import io.bazaar.crm.consent.app.ConsentService;
import io.bazaar.crm.consent.domain.ConsentChannel;
import io.bazaar.crm.consent.domain.ConsentPurpose;
import io.bazaar.crm.message.delivery.EmailSender;
import io.bazaar.crm.message.delivery.SmsSender;
import io.bazaar.crm.message.domain.MessageCategory;
import io.bazaar.crm.message.domain.OutgoingEmail;
import io.bazaar.crm.message.domain.RenderedMessage;
import io.bazaar.crm.message.persistence.DevMailboxDao;
import io.bazaar.crm.message.persistence.DevMailboxRow;
import io.bazaar.crm.message.persistence.MessageDao;
import io.bazaar.crm.message.persistence.MessageRow;
import io.bazaar.crm.timeline.app.TimelineService;
import io.bazaar.crm.timeline.domain.Channel;
import io.bazaar.crm.timeline.domain.InteractionKind;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CRM's notification outbox: messages are queued in the caller's transaction and sent by
 * {@link #dispatchDue()}, which claims rows with {@code FOR UPDATE SKIP LOCKED}, checks consent at
 * send time, retries failures with exponential backoff and puts the outcome on the timeline.
 */
public final class MessageService {
    private static final Logger LOG = LoggerFactory.getLogger(MessageService.class);
    private static final int BATCH = 20;

    /** What to send to whom. {@code purpose} null means no consent check (e.g. the welcome email). */
    public record MessageRequest(UUID subjectId, ConsentChannel channel, MessageCategory category,
                                 ConsentPurpose purpose, String template, String locale, String recipient,
                                 Map<String, String> params, String dedupeKey) {
        public MessageRequest {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(recipient, "recipient");
            if (category != MessageCategory.TRANSACTIONAL && purpose == null) {
                throw new IllegalArgumentException("marketing and survey messages must name the consent purpose");
            }
            params = params == null ? Map.of() : Map.copyOf(params);
        }
    }

    /** Retry policy: attempts before giving up, and the backoff between them. */
    public record RetryPolicy(int maxAttempts, Duration baseBackoff, Duration maxBackoff) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final MessageTemplates templates;
    private final ConsentService consents;
    private final TimelineService timeline;
    private final EmailSender email;
    private final SmsSender sms;
    private final RetryPolicy retry;
    private final String publicBaseUrl;

    public MessageService(Jdbi jdbi, Clock clock, MessageTemplates templates, ConsentService consents,
                          TimelineService timeline, EmailSender email, SmsSender sms, RetryPolicy retry,
                          String publicBaseUrl) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.clock = Objects.requireNonNull(clock);
        this.templates = Objects.requireNonNull(templates);
        this.consents = Objects.requireNonNull(consents);
        this.timeline = Objects.requireNonNull(timeline);
        this.email = Objects.requireNonNull(email);
        this.sms = Objects.requireNonNull(sms);
        this.retry = Objects.requireNonNull(retry);
        this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
    }

    public String senderName() {
        return email.name();
    }

    /**
     * Renders and queues a message in the caller's transaction. Messages that need consent carry a
     * signed unsubscribe link for exactly that channel and purpose.
     *
     * @return the message id, or null if one with the same dedupe key was already queued
     */
    public UUID enqueue(Handle handle, MessageRequest r) {
        Map<String, String> params = new HashMap<>(r.params());
        if (r.purpose() != null && r.subjectId() != null) {
            params.put("unsubscribe_url", unsubscribeUrl(r.subjectId(), r.channel(), r.purpose()));
        }
        String locale = MessageTemplates.supportedLocale(r.locale());
        RenderedMessage m = templates.render(r.template(), locale, params);
        UUID id = Ids.newId();
        boolean isEmail = r.channel() == ConsentChannel.EMAIL;
        int inserted = handle.attach(MessageDao.class).insert(id, r.subjectId(), r.channel().dbValue(),
                r.category().dbValue(), r.purpose() == null ? null : r.purpose().dbValue(), r.template(), locale,
                r.recipient(), isEmail ? m.subject() : null, m.text(), isEmail ? m.html() : null, r.dedupeKey(),
                clock.instant());
        return inserted == 1 ? id : null;
    }

    public UUID enqueue(MessageRequest r) {
        return jdbi.inTransaction(h -> enqueue(h, r));
    }

    public String unsubscribeUrl(UUID subjectId, ConsentChannel channel, ConsentPurpose purpose) {
        return publicBaseUrl + "/v1/unsubscribe?token=" + consents.unsubscribeToken(subjectId, channel, purpose);
    }

    /** Sends every due message; returns how many were handled. Safe on any number of threads and instances. */
    public int dispatchDue() {
        int total = 0;
        int n;
        do {
            n = jdbi.inTransaction(h -> {
                Instant now = clock.instant();
                List<MessageRow> due = h.attach(MessageDao.class).claimDue(now, BATCH);
                for (MessageRow m : due) {
                    deliver(h, m, now);
                }
                return due.size();
            });
            total += n;
        } while (n == BATCH);
        return total;
    }

    private void deliver(Handle h, MessageRow m, Instant now) {
        MessageDao dao = h.attach(MessageDao.class);
        ConsentChannel channel = ConsentChannel.fromDb(m.channel());
        if (m.purpose() != null && m.subjectId() != null
                && !consents.allows(h, m.subjectId(), channel, ConsentPurpose.fromDb(m.purpose()))) {
            // Consent is checked now, not when queued: a withdrawal in between is honoured.
            dao.finish(m.id(), "suppressed", 0, null, "no consent for " + m.channel() + " " + m.purpose(), now);
            onTimeline(h, m, "message.suppressed", "Not sent (no consent): ", now);
            return;
        }
        try {
            if (channel == ConsentChannel.EMAIL) {
                Map<String, String> headers = new HashMap<>();
                if (m.purpose() != null && m.subjectId() != null) {
                    String url = unsubscribeUrl(m.subjectId(), channel, ConsentPurpose.fromDb(m.purpose()));
                    headers.put("List-Unsubscribe", "<" + url + ">");
                    headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
                }
                email.send(new OutgoingEmail(m.id(), m.recipient(), m.subject() == null ? "" : m.subject(),
                        m.bodyText(), m.bodyHtml(), headers));
            } else {
                sms.send(m.id(), m.recipient(), m.bodyText());
            }
            dao.finish(m.id(), "sent", 1, now, null, now);
            onTimeline(h, m, "message.sent", "Sent: ", now);
        } catch (Exception e) {
            int attempt = m.attempts() + 1;
            // Stored for staff; logs get the exception type only, as mail errors often echo the address.
            String error = truncate(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            String logged = e.getClass().getSimpleName();
            if (attempt >= retry.maxAttempts()) {
                LOG.warn("message {} ({}) failed for good after {} attempts: {}", m.id(), m.template(), attempt, logged);
                dao.finish(m.id(), "failed", 1, null, error, now);
                onTimeline(h, m, "message.failed", "Failed to send: ", now);
            } else {
                Instant next = now.plus(backoff(attempt));
                LOG.info("message {} ({}) attempt {} failed, retrying at {}: {}", m.id(), m.template(), attempt, next, logged);
                dao.retryLater(m.id(), error, next, now);
            }
        }
    }

    Duration backoff(int attempt) {
        Duration d = retry.baseBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        return d.compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff() : d;
    }

    /** Status lands on the customer's timeline once per message and status (derived event id). */
    private void onTimeline(Handle h, MessageRow m, String type, String prefix, Instant now) {
        if (m.subjectId() == null) {
            return;
        }
        boolean isCustomer = h.createQuery("SELECT EXISTS (SELECT 1 FROM crm_contact WHERE customer_id = :id)")
                .bind("id", m.subjectId()).mapTo(Boolean.class).one();
        if (!isCustomer) {
            return;
        }
        UUID eventId = UUID.nameUUIDFromBytes((m.id() + ":" + type).getBytes(StandardCharsets.UTF_8));
        InteractionKind kind = "transactional".equals(m.category()) ? InteractionKind.TRANSACTIONAL : InteractionKind.INTERACTIVE;
        Channel channel = "sms".equals(m.channel()) ? Channel.SMS : Channel.EMAIL;
        timeline.record(h, eventId, m.subjectId(), type, kind, channel, prefix + m.template() + " " + m.channel(),
                Map.of("message_id", m.id().toString(), "template", m.template()), now);
    }

    /** Staff send a marketing or survey message to one customer; consent is checked when it is sent. */
    public UUID sendToCustomer(UUID customerId, String template, ConsentChannel channel, Map<String, String> params) {
        MessageCategory category = MessageTemplates.SURVEY_INVITE.equals(template) ? MessageCategory.SURVEY
                : MessageCategory.MARKETING;
        ConsentPurpose purpose = category == MessageCategory.SURVEY ? ConsentPurpose.SURVEYS : ConsentPurpose.MARKETING;
        return jdbi.inTransaction(h -> {
            Map<String, Object> contact = h.createQuery("""
                            SELECT email, phone, name, locale FROM crm_contact WHERE customer_id = :id AND erased_at IS NULL
                            """).bind("id", customerId).mapToMap().findOne()
                    .orElseThrow(() -> io.bazaar.shared.error.ApiException.notFound("Customer"));
            String recipient = (String) (channel == ConsentChannel.EMAIL ? contact.get("email") : contact.get("phone"));
            if (recipient == null) {
                throw io.bazaar.shared.error.ApiException.validation("channel", "the customer has no phone number");
            }
            Map<String, String> all = new HashMap<>(params);
            if (contact.get("name") != null) {
                all.put("name", (String) contact.get("name"));
            }
            return enqueue(h, new MessageRequest(customerId, channel, category, purpose, template,
                    (String) contact.get("locale"), recipient, all, null));
        });
    }

    public List<MessageViews.MessageResponse> listForSubject(UUID subjectId, int limit) {
        return jdbi.withExtension(MessageDao.class, dao -> dao.listBySubject(subjectId, limit)).stream()
                .map(MessageViews.MessageResponse::of).toList();
    }

    public Page<MessageViews.DevMailboxMessage> devMailbox(String recipient, Cursor cursor, int limit) {
        List<DevMailboxRow> rows = jdbi.withExtension(DevMailboxDao.class, dao -> dao.list(
                recipient == null || recipient.isBlank() ? null : recipient.strip(),
                cursor == null ? null : cursor.at(), cursor == null ? null : cursor.id(), limit + 1));
        List<MessageViews.DevMailboxMessage> data = rows.stream().limit(limit).map(MessageViews.DevMailboxMessage::of).toList();
        String next = rows.size() > limit ? new Cursor(data.get(limit - 1).deliveredAt(), data.get(limit - 1).id()).encode() : null;
        return new Page<>(data, next);
    }

    private static String truncate(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
