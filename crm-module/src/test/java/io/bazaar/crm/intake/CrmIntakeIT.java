package io.bazaar.crm.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.crm.CrmConfig;
import io.bazaar.crm.CrmModule;
import io.bazaar.crm.customer.app.CustomerViews.Customer360;
import io.bazaar.crm.customer.domain.Amount;
import io.bazaar.crm.message.app.MessageService;
import io.bazaar.crm.timeline.app.TimelineFilter;
import io.bazaar.crm.timeline.domain.Channel;
import io.bazaar.crm.timeline.domain.InteractionKind;
import io.bazaar.crm.timeline.domain.TimelineEntry;
import io.bazaar.shared.id.Ids;
import io.bazaar.testing.MutableClock;
import io.bazaar.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The intake contract tested directly, as the store will call it: inside a transaction, with the
 * event id, and with every event delivered twice to prove exactly-once recording.
 */
class CrmIntakeIT {
    static Jdbi jdbi;
    static CrmModule crm;
    static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

    @BeforeAll
    static void setUp() {
        jdbi = Jdbi.create(TestPostgres.freshMigratedDatabase());
        io.bazaar.shared.db.JdbiSetup.configure(jdbi);
        CrmConfig config = new CrmConfig("Bazaar Test", "http://shop.test", "intake-test-secret-0123456789",
                Duration.ofDays(30), "test-1", null, new MessageService.RetryPolicy(3, Duration.ofSeconds(1),
                Duration.ofSeconds(5)), Map.of("en", "p"), Map.of("en", "t"));
        crm = new CrmModule(jdbi, new ObjectMapper(), CLOCK, config, staffId -> true, id -> Map.of(),
                (h, id, pseudonym) -> true);
    }

    /** Delivers the same event twice, each time in its own transaction, as a redelivering outbox would. */
    static <F> void deliverTwice(BiConsumer<Handle, UUID> call) {
        UUID eventId = Ids.newId();
        jdbi.useTransaction(h -> call.accept(h, eventId));
        jdbi.useTransaction(h -> call.accept(h, eventId));
    }

    static UUID registeredCustomer(String locale) {
        UUID id = Ids.newId();
        deliverTwice((h, e) -> crm.intake().customerRegistered(h, e, new CustomerRegisteredFact(id,
                "c-" + id + "@example.com", "Cyrus", null, locale, "web", CLOCK.instant())));
        return id;
    }

    static List<TimelineEntry> timeline(UUID customerId) {
        return crm.timeline().list(customerId, new TimelineFilter(null, null, null, null, null), null, 200).data();
    }

    static Instant at(int minutes) {
        return CLOCK.instant().plus(Duration.ofMinutes(minutes));
    }

    @Nested
    class Orders {
        @Test
        void placedPaidShippedDelivered_yieldExactlyThoseEntries_inOrder_evenWhenEveryEventIsDeliveredTwice() {
            UUID customer = registeredCustomer("en");
            UUID order = Ids.newId();
            deliverTwice((h, e) -> crm.intake().orderPlaced(h, e,
                    new OrderPlacedFact(order, "BZ-1001", customer, 125_000, "IRR", "mobile", at(1))));
            deliverTwice((h, e) -> crm.intake().orderPaid(h, e, new OrderPaidFact(order, customer, 125_000, "IRR", "web", at(2))));
            deliverTwice((h, e) -> crm.intake().orderShipped(h, e,
                    new OrderShippedFact(order, customer, "Post", "TRK-9", at(3))));
            deliverTwice((h, e) -> crm.intake().orderDelivered(h, e, new OrderDeliveredFact(order, customer, at(4))));

            List<TimelineEntry> orderEntries = timeline(customer).stream()
                    .filter(t -> t.type().startsWith("order."))
                    .sorted(Comparator.comparing(TimelineEntry::occurredAt)).toList();
            assertThat(orderEntries).extracting(TimelineEntry::type)
                    .containsExactly("order.placed", "order.paid", "order.shipped", "order.delivered");
            assertThat(orderEntries).extracting(TimelineEntry::kind).containsOnly(InteractionKind.TRANSACTIONAL);
            assertThat(orderEntries).extracting(TimelineEntry::channel)
                    .containsExactly(Channel.MOBILE, Channel.WEB, Channel.SYSTEM, Channel.IN_PERSON);
            assertThat(orderEntries.get(0).refs()).containsEntry("order_number", "BZ-1001");
            assertThat(orderEntries.get(2).refs()).containsEntry("tracking_number", "TRK-9");

            Customer360 view = crm.customers().view(customer);
            assertThat(view.orders().count()).isEqualTo(1);
            assertThat(view.orders().lifetimeNetSpend()).containsExactly(new Amount(125_000, "IRR"));
        }

        @Test
        void netSpend_subtractsRefundsOnce_andExcludesCancelledOrders() {
            UUID customer = registeredCustomer("en");
            UUID a = Ids.newId();
            UUID b = Ids.newId();
            UUID c = Ids.newId();
            deliverTwice((h, e) -> crm.intake().orderPlaced(h, e, new OrderPlacedFact(a, "A", customer, 10_000, "USD", "web", at(1))));
            deliverTwice((h, e) -> crm.intake().orderPlaced(h, e, new OrderPlacedFact(b, "B", customer, 5_001, "USD", "web", at(2))));
            deliverTwice((h, e) -> crm.intake().orderPlaced(h, e, new OrderPlacedFact(c, "C", customer, 7_000, "USD", "web", at(3))));
            deliverTwice((h, e) -> crm.intake().orderCancelled(h, e, new OrderCancelledFact(c, customer, null, "web", at(4))));
            deliverTwice((h, e) -> crm.intake().refunded(h, e,
                    new RefundedFact(Ids.newId(), b, null, customer, 2_000, "USD", at(5))));

            Customer360 view = crm.customers().view(customer);
            assertThat(view.orders().count()).isEqualTo(2);
            assertThat(view.orders().lifetimeNetSpend()).containsExactly(new Amount(13_001, "USD"));
            assertThat(view.orders().averageOrderValue()).containsExactly(new Amount(6_501, "USD")); // 6500.5 rounds half up
            assertThat(view.orders().firstOrderAt()).isEqualTo(at(1));
            assertThat(view.orders().lastOrderAt()).isEqualTo(at(2));
            assertThat(timeline(customer)).filteredOn(t -> t.type().equals("order.refunded")).hasSize(1);
        }

        @Test
        void returns_areOpenUntilRefunded_andRequestIsInteractive() {
            UUID customer = registeredCustomer("fa");
            UUID order = Ids.newId();
            UUID ret = Ids.newId();
            deliverTwice((h, e) -> crm.intake().orderPlaced(h, e, new OrderPlacedFact(order, "R-1", customer, 3_000, "KWD", "web", at(1))));
            deliverTwice((h, e) -> crm.intake().returnRequested(h, e, new ReturnRequestedFact(ret, order, customer, "mobile", at(2))));
            assertThat(crm.customers().view(customer).openReturns()).isEqualTo(1);
            deliverTwice((h, e) -> crm.intake().returnReceived(h, e, new ReturnReceivedFact(ret, order, customer, at(3))));
            assertThat(crm.customers().view(customer).openReturns()).isEqualTo(1);
            deliverTwice((h, e) -> crm.intake().refunded(h, e, new RefundedFact(Ids.newId(), order, ret, customer, 3_000, "KWD", at(4))));

            Customer360 view = crm.customers().view(customer);
            assertThat(view.openReturns()).isZero();
            assertThat(view.orders().lifetimeNetSpend()).containsExactly(new Amount(0, "KWD"));
            TimelineEntry requested = timeline(customer).stream().filter(t -> t.type().equals("return.requested"))
                    .findFirst().orElseThrow();
            assertThat(requested.kind()).isEqualTo(InteractionKind.INTERACTIVE);
            assertThat(requested.channel()).isEqualTo(Channel.MOBILE);
        }
    }

    @Nested
    class Registration {
        @Test
        void registeredTwice_leavesOneEntry_andQueuesOneWelcomeEmail() {
            UUID customer = registeredCustomer("fa");
            assertThat(timeline(customer)).extracting(TimelineEntry::type).containsExactly("customer.registered");
            assertThat(crm.messages().listForSubject(customer, 10)).singleElement().satisfies(m -> {
                assertThat(m.template()).isEqualTo("welcome");
                assertThat(m.locale()).isEqualTo("fa");
                assertThat(m.status()).isEqualTo("queued");
            });
            String html = jdbi.withHandle(h -> h.createQuery("SELECT body_html FROM crm_message WHERE subject_id = :id")
                    .bind("id", customer).mapTo(String.class).one());
            assertThat(html).contains("dir=\"rtl\"").contains("lang=\"fa\"");
        }

        @Test
        void aLeadWithTheSameEmail_convertsOnRegistration_andKeepsItsConsent() {
            crm.leads().subscribeToNewsletter("  Lead.Person@Example.com ", "Lead", "en");
            UUID customer = Ids.newId();
            deliverTwice((h, e) -> crm.intake().customerRegistered(h, e, new CustomerRegisteredFact(customer,
                    "lead.person@example.com", "Lead", null, "en", "web", at(10))));

            var lead = crm.leads().list(true, null, 50).data().stream()
                    .filter(l -> customer.equals(l.convertedCustomerId())).findFirst().orElseThrow();
            assertThat(lead.convertedAt()).isEqualTo(at(10));
            assertThat(lead.secondsToConvert()).isNotNull();
            assertThat(timeline(customer)).extracting(TimelineEntry::type).contains("lead.converted");
            assertThat(crm.consents().current(customer)).anySatisfy(c -> {
                assertThat(c.purpose().dbValue()).isEqualTo("marketing");
                assertThat(c.channel().dbValue()).isEqualTo("email");
                assertThat(c.granted()).isTrue();
                assertThat(c.source()).isEqualTo("newsletter_form");
            });
            assertThat(crm.consents().history(customer)).hasSize(1);
        }
    }

    @Nested
    class GuestOrders {
        @Test
        void guestOrdersInOneHandOver_convertEachOpenLeadOnce_withTheFirstOrderOfItsEmail() {
            String email = "lead-" + Ids.newId() + "@example.com";
            UUID lead = Ids.newId();
            jdbi.useHandle(h -> h.execute("INSERT INTO crm_lead (id, email, email_normalized, source, created_at, "
                    + "updated_at) VALUES (?, ?, ?, 'abandoned_cart', ?, ?)", lead, email, email, at(0), at(0)));
            UUID first = Ids.newId();
            UUID second = Ids.newId();
            jdbi.useTransaction(h -> crm.intake().guestOrdersPlaced(h, List.of(
                    new GuestOrderPlacedFact(Ids.newId(), "nobody-" + Ids.newId() + "@example.com", at(1)),
                    new GuestOrderPlacedFact(first, email.toUpperCase(java.util.Locale.ROOT), at(2)),
                    new GuestOrderPlacedFact(second, email, at(3)))));
            // A later hand-over (a redelivery, or the customer's next order) leaves the conversion as it is.
            jdbi.useTransaction(h -> crm.intake().guestOrdersPlaced(h, List.of(
                    new GuestOrderPlacedFact(Ids.newId(), email, at(4)))));

            Map<String, Object> row = jdbi.withHandle(h -> h.createQuery(
                    "SELECT converted_order_id, converted_at FROM crm_lead WHERE id = :id").bind("id", lead).mapToMap().one());
            assertThat(row.get("converted_order_id")).isEqualTo(first);
            assertThat(((java.sql.Timestamp) row.get("converted_at")).toInstant()).isEqualTo(at(2));
        }
    }
}
