package io.bazaar.store.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.bazaar.store.support.TestSmtp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Messages through a real SMTP server in-process (GreenMail). */
@ExtendWith(DropwizardExtensionsSupport.class)
class MessagesSmtpIT {
    static final TestSmtp MAIL = TestSmtp.start();
    static final int SMTP_PORT = MAIL.port;
    // Started before the application (a static initialiser), so the app's first send finds it listening.
    static final GreenMail SMTP = MAIL.server;
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension(
            ConfigOverride.config("crm.smtp.host", "127.0.0.1"),
            ConfigOverride.config("crm.smtp.port", String.valueOf(SMTP_PORT)));
    static Accounts.Session admin;

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    Api api() {
        return BazaarApp.api(APP);
    }

    Accounts.Session admin() {
        if (admin == null) {
            admin = Accounts.admin(api());
        }
        return admin;
    }

    static List<MimeMessage> mailTo(String email) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equalsIgnoreCase(email);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static MimeMessage awaitOneMailTo(String email) {
        await().atMost(Duration.ofSeconds(15)).until(() -> !mailTo(email).isEmpty());
        List<MimeMessage> all = mailTo(email);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    /** Decoded text of every text part: plain and HTML. */
    static String[] textAndHtml(MimeMessage m) throws Exception {
        Object content = m.getContent();
        if (content instanceof String s) {
            return new String[] {s, null};
        }
        Multipart mp = (Multipart) content;
        String text = null;
        String html = null;
        for (int i = 0; i < mp.getCount(); i++) {
            BodyPart p = mp.getBodyPart(i);
            if (p.isMimeType("text/plain")) {
                text = (String) p.getContent();
            } else if (p.isMimeType("text/html")) {
                html = (String) p.getContent();
            }
        }
        return new String[] {text, html};
    }

    Accounts.Session register(String prefix, String name, String locale) {
        String email = Accounts.uniqueEmail(prefix);
        Api.Reply reg = api().post("/v1/customers", "{\"email\":\"" + email + "\",\"password\":\"" + Accounts.PASSWORD
                + "\",\"name\":\"" + name + "\",\"locale\":\"" + locale + "\"}");
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        String token = Accounts.signIn(api(), "/v1/sessions", email, Accounts.PASSWORD);
        return new Accounts.Session(reg.json().get("id").asText(), email, token);
    }

    JsonNode messages(String customerId) {
        return api().get("/v1/admin/crm/customers/" + customerId + "/messages", admin().auth()).json().get("data");
    }

    @Nested
    class WelcomeEmail {
        @Test
        void englishWelcome_arrivesOverSmtp_withTheNameAndShop() throws Exception {
            Accounts.Session s = register("welcome-en", "Ada Lovelace", "en");
            MimeMessage mail = awaitOneMailTo(s.email());
            assertThat(mail.getSubject()).isEqualTo("Welcome to Bazaar Test");
            String[] parts = textAndHtml(mail);
            assertThat(parts[0]).contains("Hello Ada Lovelace,").contains("creating your account at Bazaar Test");
            assertThat(parts[1]).contains("<html lang=\"en\" dir=\"ltr\">").contains("<bdi>Ada Lovelace</bdi>");
            assertThat(mail.getHeader("List-Unsubscribe")).as("transactional mail has no unsubscribe").isNull();
        }

        @Test
        void persianWelcome_arrivesRightToLeft_inPersian() throws Exception {
            Accounts.Session s = register("welcome-fa", "مریم <b>", "fa");
            MimeMessage mail = awaitOneMailTo(s.email());
            assertThat(mail.getSubject()).isEqualTo("به Bazaar Test خوش آمدید");
            String[] parts = textAndHtml(mail);
            assertThat(parts[0]).contains("مریم <b> عزیز، سلام").contains("حساب کاربری ساختید");
            assertThat(parts[1]).contains("<html lang=\"fa\" dir=\"rtl\">").contains("direction:rtl")
                    .contains("<bdi>مریم &lt;b&gt;</bdi>").doesNotContain("<b>");
        }

        @Test
        void sentStatus_landsOnTheTimeline_once() {
            Accounts.Session s = register("welcome-status", "Tim", "en");
            awaitOneMailTo(s.email());
            await().atMost(Duration.ofSeconds(10)).until(() -> messages(s.id()).size() == 1
                    && messages(s.id()).get(0).get("status").asText().equals("sent"));
            JsonNode entries = api().get("/v1/admin/crm/customers/" + s.id() + "/timeline?type=message.sent",
                    admin().auth()).json().get("data");
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).get("channel").asText()).isEqualTo("email");
            assertThat(entries.get(0).get("kind").asText()).isEqualTo("transactional");
        }
    }

    @Nested
    class Marketing {
        String sendPromotion(Accounts.Session s) {
            Api.Reply r = api().post("/v1/admin/crm/customers/" + s.id() + "/messages",
                    "{\"template\":\"promotion\",\"channel\":\"email\",\"params\":{\"headline\":\"Spring sale\","
                            + "\"text\":\"Everything 20% off\"}}", admin().auth());
            assertThat(r.status()).as(r.toString()).isEqualTo(202);
            return r.json().get("id").asText();
        }

        String statusOf(Accounts.Session s, String messageId) {
            for (JsonNode m : messages(s.id())) {
                if (m.get("id").asText().equals(messageId)) {
                    return m.get("status").asText();
                }
            }
            return "missing";
        }

        @Test
        void withoutConsent_isSuppressedAtSendTime_butTransactionalMailStillArrives() {
            Accounts.Session s = register("no-consent", "Nora", "en");
            awaitOneMailTo(s.email()); // the welcome email needs no marketing consent
            String id = sendPromotion(s);
            await().atMost(Duration.ofSeconds(10)).until(() -> statusOf(s, id).equals("suppressed"));
            assertThat(mailTo(s.email())).hasSize(1);
            JsonNode entries = api().get("/v1/admin/crm/customers/" + s.id() + "/timeline?type=message.suppressed",
                    admin().auth()).json().get("data");
            assertThat(entries).hasSize(1);
        }

        @Test
        void withConsent_arrivesWithAWorkingUnsubscribeLink_andAfterClickingItTheNextIsSuppressed() throws Exception {
            Accounts.Session s = register("consent", "Cleo", "en");
            awaitOneMailTo(s.email());
            api().send("PUT", "/v1/me/consents",
                    "{\"consents\":[{\"channel\":\"email\",\"purpose\":\"marketing\",\"granted\":true}]}",
                    "application/json", s.auth());
            String first = sendPromotion(s);
            await().atMost(Duration.ofSeconds(15)).until(() -> mailTo(s.email()).size() == 2);
            MimeMessage promo = mailTo(s.email()).stream().filter(m -> {
                try {
                    return m.getSubject().equals("Spring sale");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).findFirst().orElseThrow();
            assertThat(promo.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
            String text = textAndHtml(promo)[0];
            assertThat(text).contains("Everything 20% off");
            Matcher link = Pattern.compile("http://shop\\.test(/v1/unsubscribe\\?token=\\S+)").matcher(text);
            assertThat(link.find()).isTrue();
            assertThat(statusOf(s, first)).isEqualTo("sent");

            Api.Reply click = api().get(link.group(1));
            assertThat(click.status()).as(click.toString()).isEqualTo(200);
            String second = sendPromotion(s);
            await().atMost(Duration.ofSeconds(10)).until(() -> statusOf(s, second).equals("suppressed"));
            assertThat(mailTo(s.email())).hasSize(2);
        }

        @Test
        void supportStaff_cannotSendMarketing_andCustomers_cannotReadMessages() {
            Accounts.Session s = register("roles", "Rob", "en");
            String email = Accounts.uniqueEmail("support");
            assertThat(api().post("/v1/admin/staff", "{\"email\":\"" + email + "\",\"name\":\"Sam\",\"role\":\"support\","
                    + "\"password\":\"Support-Desk-2026\"}", admin().auth()).status()).isEqualTo(201);
            String support = Accounts.signIn(api(), "/v1/admin/sessions", email, "Support-Desk-2026");
            Api.Reply r = api().post("/v1/admin/crm/customers/" + s.id() + "/messages",
                    "{\"template\":\"promotion\",\"channel\":\"email\"}", "Authorization", Api.bearer(support));
            assertThat(r.status()).isEqualTo(403);
            assertThat(api().get("/v1/admin/crm/customers/" + s.id() + "/messages", s.auth()).status()).isEqualTo(403);
        }
    }

    @Nested
    class OrderEmails {
        /** Registers, buys two units of a new product with the manual provider; returns the checkout answer. */
        JsonNode buy(Accounts.Session s, String title) {
            Api.Reply product = api().post("/v1/admin/products", "{\"title\":\"" + title + "\",\"status\":\"active\","
                    + "\"variants\":[{\"sku\":\"MAIL-" + java.util.UUID.randomUUID().toString().substring(0, 8)
                    + "\",\"prices\":[{\"currency\":\"IRR\",\"amount\":1250000}],\"stock_on_hand\":10}]}", admin().auth());
            assertThat(product.status()).as(product.toString()).isEqualTo(201);
            String variant = product.json().get("variants").get(0).get("id").asText();
            assertThat(api().post("/v1/me/cart/lines", "{\"variant_id\":\"" + variant + "\",\"quantity\":2}", s.auth())
                    .status()).isEqualTo(200);
            Api.Reply placed = api().post("/v1/me/checkout", "{\"shipping_address\":{\"name\":\"N\",\"line1\":\"L\","
                    + "\"city\":\"Tehran\",\"country\":\"IR\"},\"shipping_method\":\"standard\","
                    + "\"payment_provider\":\"manual\"}", s.auth());
            assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
            return placed.json().get("order");
        }

        List<MimeMessage> awaitMails(String email, int count) {
            await().atMost(Duration.ofSeconds(15)).until(() -> mailTo(email).size() >= count);
            return mailTo(email);
        }

        MimeMessage withSubject(List<MimeMessage> mails, String fragment) {
            return mails.stream().filter(m -> {
                try {
                    return m.getSubject().contains(fragment);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).findFirst().orElseThrow(() -> new AssertionError("no mail with subject containing " + fragment));
        }

        @Test
        void englishOrderConfirmation_listsTheLinesAndTotal() throws Exception {
            Accounts.Session s = register("order-en", "Grace", "en");
            JsonNode order = buy(s, "Blue teapot");
            String number = order.get("number").asText();
            MimeMessage mail = withSubject(awaitMails(s.email(), 2), number);
            assertThat(mail.getSubject()).isEqualTo("Your order " + number);
            String[] parts = textAndHtml(mail);
            assertThat(parts[0]).contains("Hello Grace,").contains("2 × Blue teapot — 2,500,000 IRR")
                    .contains("Total: 3,000,000 IRR");
            assertThat(parts[1]).contains("dir=\"ltr\"");
            assertThat(mail.getHeader("List-Unsubscribe")).isNull();
        }

        @Test
        void persianOrderConfirmation_isRightToLeft_inPersian() throws Exception {
            Accounts.Session s = register("order-fa", "سارا", "fa");
            JsonNode order = buy(s, "قوری آبی");
            String number = order.get("number").asText();
            MimeMessage mail = withSubject(awaitMails(s.email(), 2), number);
            assertThat(mail.getSubject()).isEqualTo("سفارش " + number + " شما ثبت شد");
            String[] parts = textAndHtml(mail);
            assertThat(parts[0]).contains("سارا عزیز، سلام").contains("2 × قوری آبی — 2,500,000 IRR")
                    .contains("مبلغ کل: 3,000,000 IRR");
            assertThat(parts[1]).contains("<html lang=\"fa\" dir=\"rtl\">").contains("<bdi>" + number + "</bdi>");
        }

        @Test
        void withdrawingMarketing_keepsOrderMail_andWithdrawingOrderUpdates_stopsOnlyTheUpdates() throws Exception {
            Accounts.Session s = register("order-consent", "Omid", "en");
            assertThat(api().send("PUT", "/v1/me/consents",
                    "{\"consents\":[{\"channel\":\"email\",\"purpose\":\"marketing\",\"granted\":false},"
                            + "{\"channel\":\"email\",\"purpose\":\"order_updates\",\"granted\":false}]}",
                    "application/json", s.auth()).status()).isEqualTo(200);
            JsonNode order = buy(s, "Copper tray");
            String number = order.get("number").asText();
            withSubject(awaitMails(s.email(), 2), "Your order " + number);
            assertThat(api().post("/v1/admin/orders/" + order.get("id").asText() + "/manual-payment", null,
                    admin().auth()).status()).isEqualTo(200);
            // The payment-received update is queued, then suppressed at send time: no third mail.
            await().atMost(Duration.ofSeconds(10)).until(() -> messages(s.id()).findValuesAsText("status")
                    .contains("suppressed"));
            assertThat(mailTo(s.email())).hasSize(2);
        }

        @Test
        void paymentReceived_isSentWithAnUnsubscribeLinkForOrderUpdates() throws Exception {
            Accounts.Session s = register("order-paid", "Lida", "en");
            JsonNode order = buy(s, "Brass lamp");
            assertThat(api().post("/v1/admin/orders/" + order.get("id").asText() + "/manual-payment", null,
                    admin().auth()).status()).isEqualTo(200);
            MimeMessage paid = withSubject(awaitMails(s.email(), 3), "Payment received");
            assertThat(textAndHtml(paid)[0]).contains("We received your payment of 3,000,000 IRR");
            assertThat(paid.getHeader("List-Unsubscribe")).isNotNull();
        }

        @Test
        void shippedDeliveredAndRefund_updatesArrive_inTheCustomersLanguage() throws Exception {
            Accounts.Session s = register("order-journey", "Parisa", "fa");
            JsonNode order = buy(s, "کتاب شعر");
            String orderId = order.get("id").asText();
            String number = order.get("number").asText();
            assertThat(api().post("/v1/admin/orders/" + orderId + "/manual-payment", null, admin().auth()).status())
                    .isEqualTo(200);
            Api.Reply shipment = api().post("/v1/admin/shipments", "{\"order_id\":\"" + orderId
                    + "\",\"carrier\":\"Post\",\"tracking_number\":\"IR123456789\"}", admin().auth());
            assertThat(shipment.status()).as(shipment.toString()).isEqualTo(201);
            assertThat(api().post("/v1/admin/shipments/" + shipment.json().get("id").asText() + "/delivery", "{}",
                    admin().auth()).status()).isEqualTo(200);
            Api.Reply refund = api().post("/v1/admin/refunds", "{\"order_id\":\"" + orderId
                    + "\",\"amount\":500000,\"reason\":\"late delivery\"}", admin().auth());
            assertThat(refund.status()).as(refund.toString()).isIn(200, 201);

            List<MimeMessage> mails = awaitMails(s.email(), 6); // welcome, confirmation, paid, shipped, delivered, refund
            assertThat(textAndHtml(withSubject(mails, "ارسال شد"))[0]).contains("IR123456789").contains("Post");
            assertThat(withSubject(mails, "تحویل شد").getSubject()).isEqualTo("سفارش " + number + " تحویل شد");
            assertThat(textAndHtml(withSubject(mails, "بازپرداخت"))[0]).contains("500,000 IRR").contains(number);
        }
    }
}
