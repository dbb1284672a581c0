package io.bazaar.store.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.review.CommunityShop.Product;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Product questions and answers (co-creation) through the HTTP API, with the same moderation as reviews. */
@ExtendWith(DropwizardExtensionsSupport.class)
class QuestionsIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension();
    static final CommunityShop SHOP = new CommunityShop(APP);

    Api api() {
        return SHOP.api();
    }

    static Api.Reply expect(Api.Reply r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        return r;
    }

    Api.Reply ask(Accounts.Session c, Product p, String text) {
        return api().post("/v1/products/" + p.id() + "/questions", "{\"text\":\"" + text + "\"}", c.auth());
    }

    Api.Reply answer(Accounts.Session c, String questionId, String text) {
        return api().post("/v1/questions/" + questionId + "/answers", "{\"text\":\"" + text + "\"}", c.auth());
    }

    @Test
    void aCustomerAsks_anotherCustomerAndStaffAnswer_andEveryoneSeesTheThread() {
        Product tent = SHOP.product("Question tent", 20, null);
        Accounts.Session asker = SHOP.customer("asker", "Leila Moradi");
        Accounts.Session owner = SHOP.customer("owner", "Kian Jafari");
        SHOP.deliveredOrder(owner, tent);
        Accounts.Session browser = SHOP.customer("browser", "Tara");

        Api.Reply asked = expect(ask(asker, tent, "Is it waterproof?"), 201);
        String q = asked.json().get("id").asText();
        assertThat(asked.header("Location").orElseThrow()).endsWith("/v1/questions/" + q);
        assertThat(asked.json().get("status").asText()).isEqualTo("approved");

        JsonNode byOwner = expect(answer(owner, q, "Yes, it survived a storm"), 201).json();
        assertThat(byOwner.get("verified_purchase").asBoolean()).as("the answerer received the tent").isTrue();
        assertThat(byOwner.get("author_type").asText()).isEqualTo("customer");
        JsonNode byBrowser = expect(answer(browser, q, "I think so"), 201).json();
        assertThat(byBrowser.get("verified_purchase").asBoolean()).isFalse();
        JsonNode byStaff = expect(api().post("/v1/admin/questions/" + q + "/answers",
                "{\"text\":\"Yes: 3000 mm water column\"}", SHOP.support()), 201).json();
        assertThat(byStaff.get("author_type").asText()).isEqualTo("staff");
        assertThat(byStaff.get("status").asText()).isEqualTo("approved");

        JsonNode list = expect(api().get("/v1/products/" + tent.slug() + "/questions"), 200).json();
        assertThat(list.get("data")).hasSize(1);
        JsonNode thread = list.get("data").get(0);
        assertThat(thread.get("text").asText()).isEqualTo("Is it waterproof?");
        assertThat(thread.get("author_name").asText()).isEqualTo("Leila M.");
        assertThat(thread.get("answers").findValuesAsText("id")).containsExactly(byOwner.get("id").asText(),
                byBrowser.get("id").asText(), byStaff.get("id").asText());
        assertThat(thread.get("answers").findValuesAsText("author_type")).containsExactly("customer", "customer", "staff");
        assertThat(thread.get("answers").get(1).get("author_name").asText()).isEqualTo("Tara");
        assertThat(thread.get("answers").get(2).get("author_name").asText()).isEqualTo("Nima s.");
        assertThat(expect(api().get("/v1/questions/" + q), 200).json().get("answers")).hasSize(3);

        // The asker's and the customer answerers' timelines each get one interactive entry; staff answers none.
        String[] support = SHOP.support();
        await().atMost(Duration.ofSeconds(10)).until(() -> api().get("/v1/admin/crm/customers/" + asker.id()
                + "/timeline?type=question.asked", support).json().path("data").size() == 1
                && api().get("/v1/admin/crm/customers/" + owner.id() + "/timeline?type=answer.posted", support).json()
                .path("data").size() == 1);
        assertThat(api().get("/v1/admin/crm/customers/" + asker.id() + "/timeline?type=question.asked", support).json()
                .get("data").get(0).get("summary").asText()).isEqualTo("Asked a question about Question tent");
        assertThat(api().get("/v1/admin/crm/customers/" + asker.id() + "/timeline?type=answer.posted", support).json()
                .get("data")).isEmpty();

        // Anonymous visitors read but cannot write.
        expect(api().post("/v1/products/" + tent.id() + "/questions", "{\"text\":\"Hi?\"}"), 401);
        expect(api().post("/v1/questions/" + q + "/answers", "{\"text\":\"Hi\"}"), 401);
        expect(api().post("/v1/questions/" + q + "/answers", "{\"text\":\"Hi\"}", SHOP.support()), 403);
    }

    @Test
    void flaggedQuestionsAndAnswers_waitForAManager_andStayHiddenUntilApproved() {
        Product stove = SHOP.product("Moderated stove", 20, null);
        Accounts.Session rude = SHOP.customer("rude", "Rude Person");
        Accounts.Session kind = SHOP.customer("kind", "Kind Person");

        JsonNode held = expect(ask(rude, stove, "Why is the seller such an idiot?"), 201).json();
        assertThat(held.get("status").asText()).isEqualTo("pending");
        String q = held.get("id").asText();
        assertThat(api().get("/v1/products/" + stove.id() + "/questions").json().get("data")).isEmpty();
        expect(api().get("/v1/questions/" + q), 404);
        // Nobody answers a question that is not public.
        expect(answer(kind, q, "Be nice"), 404);

        JsonNode queue = expect(api().get("/v1/admin/questions?product_id=" + stove.id(), SHOP.support()), 200).json();
        assertThat(queue.get("data").findValuesAsText("id")).containsExactly(q);
        assertThat(queue.get("data").get(0).get("flag_reason").asText()).isEqualTo("blocked_word: idiot");
        expect(api().post("/v1/admin/questions/" + q + "/approval", "{}", SHOP.support()), 403);
        expect(api().post("/v1/admin/questions/" + q + "/approval", "{}", kind.auth()), 403);
        expect(api().post("/v1/admin/questions/" + q + "/approval", "{\"message\":\"fine\"}", SHOP.manager()), 200);
        assertThat(api().get("/v1/products/" + stove.id() + "/questions").json().get("data")).hasSize(1);

        JsonNode heldAnswer = expect(answer(kind, q, "Visit https://spam.example for cheaper ones"), 201).json();
        assertThat(heldAnswer.get("status").asText()).isEqualTo("pending");
        JsonNode cleanAnswer = expect(answer(kind, q, "It heats fast"), 201).json();
        assertThat(api().get("/v1/questions/" + q).json().get("answers").findValuesAsText("id"))
                .containsExactly(cleanAnswer.get("id").asText());
        JsonNode pendingAnswers = expect(api().get("/v1/admin/answers?status=pending", SHOP.support()), 200).json();
        assertThat(pendingAnswers.get("data").findValuesAsText("id")).contains(heldAnswer.get("id").asText());
        assertThat(pendingAnswers.get("data").findValuesAsText("id")).doesNotContain(cleanAnswer.get("id").asText());

        String a = heldAnswer.get("id").asText();
        expect(api().post("/v1/admin/answers/" + a + "/rejection", "{\"message\":\"No ads\"}", SHOP.support()), 403);
        JsonNode rejected = expect(api().post("/v1/admin/answers/" + a + "/rejection", "{\"message\":\"No ads\"}",
                SHOP.manager()), 200).json();
        assertThat(rejected.get("status").asText()).isEqualTo("rejected");
        assertThat(rejected.get("moderation_message").asText()).isEqualTo("No ads");
        expect(api().post("/v1/admin/answers/" + a + "/rejection", "{\"message\":\"No ads\"}", SHOP.manager()), 409);
        assertThat(api().get("/v1/questions/" + q).json().get("answers")).hasSize(1);
        assertThat(expect(api().get("/v1/admin/questions/" + q, SHOP.support()), 200).json().get("answers")
                .findValuesAsText("status")).containsExactly("rejected", "approved");
        // A rejection needs a message; empty text is a 400.
        expect(api().post("/v1/admin/answers/" + a + "/approval", "{\"message\":\"ok\",\"extra\":1}", SHOP.manager()),
                400);
        expect(api().post("/v1/admin/questions/" + q + "/rejection", "{}", SHOP.manager()), 400);
        expect(ask(kind, stove, " "), 400);
    }
}
