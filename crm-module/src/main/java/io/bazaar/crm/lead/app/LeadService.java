package io.bazaar.crm.lead.app;

import io.bazaar.crm.consent.app.ConsentService;
import io.bazaar.crm.consent.domain.ConsentChannel;
import io.bazaar.crm.consent.domain.ConsentPurpose;
import io.bazaar.crm.customer.domain.EmailAddresses;
import io.bazaar.crm.lead.persistence.LeadDao;
import io.bazaar.crm.lead.persistence.LeadRow;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Leads: people who showed interest (newsletter, a question before buying) without an account.
 * Someone who already is a customer is not made a lead: their consent or question goes to their
 * own record, and the answer is the same either way so the endpoint does not reveal who has an account.
 */
public final class LeadService {
    public record LeadView(UUID id, String email, String name, String locale, String source, long questions,
                           Instant createdAt, UUID convertedCustomerId, Instant convertedAt, Long secondsToConvert) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final ConsentService consents;
    private final TimelineService timeline;

    public LeadService(Jdbi jdbi, Clock clock, ConsentService consents, TimelineService timeline) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.clock = Objects.requireNonNull(clock);
        this.consents = Objects.requireNonNull(consents);
        this.timeline = Objects.requireNonNull(timeline);
    }

    public void subscribeToNewsletter(String email, String name, String locale) {
        jdbi.useTransaction(h -> {
            UUID subject = customerByEmail(h, email).orElseGet(() -> upsertLead(h, email, name, locale, "newsletter"));
            boolean isCustomer = customerByEmail(h, email).isPresent();
            consents.change(h, subject, isCustomer,
                    new ConsentService.Change(ConsentChannel.EMAIL, ConsentPurpose.MARKETING, true),
                    "newsletter_form", Channel.WEB);
        });
    }

    public void askQuestion(String email, String name, String locale, String question, String productRef,
                            boolean marketingConsent) {
        jdbi.useTransaction(h -> {
            Optional<UUID> customer = customerByEmail(h, email);
            Instant now = clock.instant();
            UUID subject;
            if (customer.isPresent()) {
                subject = customer.get();
                UUID id = Ids.newId();
                timeline.record(h, id, subject, "question.asked", InteractionKind.INTERACTIVE, Channel.WEB,
                        "Asked a question before purchase: " + abbreviate(question),
                        productRef == null ? Map.of() : Map.of("product", productRef), now);
            } else {
                subject = upsertLead(h, email, name, locale, "question");
                h.attach(LeadDao.class).insertQuestion(Ids.newId(), subject, question, productRef, now);
            }
            if (marketingConsent) {
                consents.change(h, subject, customer.isPresent(),
                        new ConsentService.Change(ConsentChannel.EMAIL, ConsentPurpose.MARKETING, true),
                        "question_form", Channel.WEB);
            }
        });
    }

    /**
     * Called from intake when an account is registered: the lead with the same normalised email is
     * converted once, its consents move to the customer, and the conversion lands on the timeline.
     */
    public void convertOnRegistration(Handle h, UUID registrationEventId, UUID customerId, String email,
                                      Instant registeredAt) {
        Optional<UUID> lead = h.attach(LeadDao.class).convert(EmailAddresses.normalize(email), customerId, registeredAt);
        if (lead.isEmpty()) {
            return;
        }
        consents.moveToCustomer(h, lead.get(), customerId);
        UUID entryId = UUID.nameUUIDFromBytes((registrationEventId + ":lead.converted").getBytes(StandardCharsets.UTF_8));
        timeline.record(h, entryId, customerId, "lead.converted", InteractionKind.TRANSACTIONAL, Channel.WEB,
                "Lead became a customer", Map.of("lead_id", lead.get().toString()), registeredAt);
    }

    // ---- Abandoned-cart leads (issue #6) ----
    /**
     * A guest's abandoned cart: the email becomes a lead (source {@code abandoned_cart} if it is new) and
     * the cart is remembered once. An email that already belongs to a customer is not a lead: the cart
     * goes on that customer's timeline instead.
     */
    public void recordAbandonedCart(Handle h, UUID eventId, UUID cartId, String email, int items, Instant abandonedAt) {
        Optional<UUID> customer = customerByEmail(h, email);
        if (customer.isPresent()) {
            timeline.record(h, eventId, customer.get(), "cart.abandoned", InteractionKind.TRANSACTIONAL, Channel.WEB,
                    "Left a cart with " + items + (items == 1 ? " item" : " items"),
                    Map.of("cart_id", cartId.toString()), abandonedAt);
            return;
        }
        UUID lead = upsertLead(h, email, null, null, "abandoned_cart");
        h.attach(LeadDao.class).insertCart(cartId, lead, items, abandonedAt, clock.instant());
    }

    /** A guest order, as lead conversion sees it: the CRM has no customer to put it on, only its email. */
    public record GuestOrder(String email, UUID orderId, Instant placedAt) {
    }

    /**
     * Guest orders, in the order placed, convert the open leads with their emails: the first order of an email
     * converts its lead, later ones find it converted. One statement for all of them.
     */
    public void convertOnGuestOrders(Handle h, List<GuestOrder> orders) {
        if (orders.isEmpty()) {
            return;
        }
        String[] emails = new String[orders.size()];
        UUID[] orderIds = new UUID[orders.size()];
        String[] placedAt = new String[orders.size()];
        for (int i = 0; i < orders.size(); i++) {
            emails[i] = EmailAddresses.normalize(orders.get(i).email());
            orderIds[i] = orders.get(i).orderId();
            placedAt[i] = orders.get(i).placedAt().toString();
        }
        h.attach(LeadDao.class).convertByOrders(emails, orderIds, placedAt);
    }
    // ---- end ----

    public Page<LeadView> list(Boolean converted, Cursor cursor, int limit) {
        List<LeadRow> rows = jdbi.withExtension(LeadDao.class, dao -> dao.list(converted,
                cursor == null ? null : cursor.at(), cursor == null ? null : cursor.id(), limit + 1));
        List<LeadView> data = rows.stream().limit(limit).map(r -> new LeadView(r.id(), r.email(), r.name(), r.locale(),
                r.source(), r.questionCount(), r.createdAt(), r.convertedCustomerId(), r.convertedAt(),
                r.convertedAt() == null ? null : Duration.between(r.createdAt(), r.convertedAt()).toSeconds())).toList();
        String next = rows.size() > limit ? new Cursor(data.get(limit - 1).createdAt(), data.get(limit - 1).id()).encode() : null;
        return new Page<>(data, next);
    }

    private UUID upsertLead(Handle h, String email, String name, String locale, String source) {
        return h.attach(LeadDao.class).upsert(Ids.newId(), email.strip(), EmailAddresses.normalize(email),
                name == null || name.isBlank() ? null : name.strip(), locale == null ? "en" : locale, source,
                clock.instant());
    }

    private static Optional<UUID> customerByEmail(Handle h, String email) {
        return h.createQuery("SELECT customer_id FROM crm_contact WHERE email_normalized = :e AND erased_at IS NULL")
                .bind("e", EmailAddresses.normalize(email)).mapTo(UUID.class).findFirst();
    }

    private static String abbreviate(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() <= 140 ? one : one.substring(0, 139) + "…";
    }
}
