package io.bazaar.store.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.review.CommunityShop.Product;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.bazaar.store.support.Parallel;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reviews through the HTTP API against real PostgreSQL and Redis: verified purchase only, one per customer
 * and product, automatic moderation (test-config blocks "idiot", "scammer", "کلاهبردار"), staff decisions,
 * and the approved-only rating on the (Redis-cached) product detail.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReviewsIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension();
    static final CommunityShop SHOP = new CommunityShop(APP);

    Api api() {
        return SHOP.api();
    }

    static Api.Reply expect(Api.Reply r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        return r;
    }

    Api.Reply review(Accounts.Session c, Product p, int rating, String title, String text) {
        return api().post("/v1/products/" + p.id() + "/reviews", "{\"rating\":" + rating + ",\"title\":\"" + title
                + "\",\"text\":\"" + text + "\"}", c.auth());
    }

    /** A customer who received the product: a delivered order holding it. */
    Accounts.Session buyer(String name, Product p) {
        Accounts.Session c = SHOP.customer("buyer", name);
        SHOP.deliveredOrder(c, p);
        return c;
    }

    JsonNode rating(Product p) {
        return expect(api().get("/v1/products/" + p.id()), 200).json().get("rating");
    }

    static void assertRating(JsonNode rating, int count, String average, int... distribution) {
        assertThat(rating.get("count").asInt()).as("count in " + rating).isEqualTo(count);
        if (average == null) {
            assertThat(rating.get("average").isNull()).as("average in " + rating).isTrue();
        } else {
            assertThat(rating.get("average").decimalValue()).as("average in " + rating)
                    .isEqualByComparingTo(average);
        }
        for (int star = 1; star <= 5; star++) {
            assertThat(rating.get("distribution").get(Integer.toString(star)).asInt()).as(star + " stars in " + rating)
                    .isEqualTo(distribution[star - 1]);
        }
    }

    @Nested
    class VerifiedPurchase {
        @Test
        void aCustomerWhoNeverReceivedTheProduct_is403_evenWithAnOrderStillOnItsWay() {
            Product rug = SHOP.product("Verified rug", 20, null);
            Accounts.Session stranger = SHOP.customer("stranger", "Omid Karimi");
            Api.Reply r = expect(review(stranger, rug, 5, "Great", "Lovely colours"), 403);
            assertThat(r.json().get("code").asText()).isEqualTo("review_requires_purchase");

            // Paid and shipped, but not delivered yet: still not received.
            SHOP.shippedOrder(stranger, false, rug);
            assertThat(expect(review(stranger, rug, 5, "Great", "Lovely colours"), 403).json().get("code").asText())
                    .isEqualTo("review_requires_purchase");
            // A delivered order of another product proves nothing about this one.
            Product other = SHOP.product("Unrelated lamp", 20, null);
            SHOP.deliveredOrder(stranger, other);
            expect(review(stranger, rug, 5, "Great", "Lovely colours"), 403);
            assertThat(api().get("/v1/me/reviews", stranger.auth()).json().get("data")).isEmpty();
            // Anonymous: 401.
            expect(api().post("/v1/products/" + rug.id() + "/reviews", "{\"rating\":5,\"title\":\"t\",\"text\":\"x\"}"),
                    401);
        }

        @Test
        void aVerifiedBuyersReview_isMarkedVerified_publishedAtOnce_andOnTheCrmTimelineOnce() {
            Product teapot = SHOP.product("Verified teapot", 20, null);
            Accounts.Session sara = buyer("Sara Ahmadi", teapot);
            Api.Reply created = expect(review(sara, teapot, 4, "Pours well", "No drips at all"), 201);
            JsonNode r = created.json();
            assertThat(r.get("verified_purchase").asBoolean()).isTrue();
            assertThat(r.get("status").asText()).isEqualTo("approved");
            assertThat(r.get("author_name").asText()).isEqualTo("Sara A.");
            assertThat(r.has("flag_reason")).as("moderation internals are for staff").isFalse();
            assertThat(created.header("Location").orElseThrow()).endsWith("/v1/me/reviews/" + r.get("id").asText());
            expect(api().get("/v1/me/reviews/" + r.get("id").asText(), sara.auth()), 200);

            // The public list, by id and by slug.
            JsonNode list = expect(api().get("/v1/products/" + teapot.slug() + "/reviews"), 200).json();
            assertThat(list.get("data").findValuesAsText("id")).containsExactly(r.get("id").asText());
            assertThat(list.get("data").get(0).get("verified_purchase").asBoolean()).isTrue();
            assertThat(list.get("data").get(0).get("text").asText()).isEqualTo("No drips at all");

            String[] support = SHOP.support();
            await().atMost(Duration.ofSeconds(10)).until(() -> api().get("/v1/admin/crm/customers/" + sara.id()
                    + "/timeline?type=review.submitted", support).json().path("data").size() == 1);
            JsonNode entry = api().get("/v1/admin/crm/customers/" + sara.id() + "/timeline?type=review.submitted",
                    support).json().get("data").get(0);
            assertThat(entry.get("kind").asText()).isEqualTo("interactive");
            assertThat(entry.get("summary").asText()).isEqualTo("Reviewed Verified teapot (4/5)");
            assertThat(entry.get("refs").get("review_id").asText()).isEqualTo(r.get("id").asText());
            // Redelivering the event leaves one entry.
            java.time.Instant due = BazaarApp.app(APP).clock.instant();
            int reset = BazaarApp.app(APP).jdbi().withHandle(h -> h.createUpdate(
                    "UPDATE outbox_delivery SET status = 'pending', next_attempt_at = :due WHERE event_id = "
                            + "(SELECT id FROM outbox_event WHERE type = 'review.submitted' AND aggregate_id = :id)")
                    .bind("due", due).bind("id", r.get("id").asText()).execute());
            assertThat(reset).isEqualTo(1);
            await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10)).until(() -> BazaarApp.app(APP).jdbi()
                    .withHandle(h -> h.createQuery("SELECT count(*) FROM outbox_delivery d JOIN outbox_event e ON "
                            + "e.id = d.event_id WHERE e.aggregate_id = :id AND e.type = 'review.submitted' AND "
                            + "d.status = 'pending'").bind("id", r.get("id").asText()).mapTo(Integer.class).one()) == 0);
            assertThat(api().get("/v1/admin/crm/customers/" + sara.id() + "/timeline?type=review.submitted", support)
                    .json().get("data")).hasSize(1);
        }
    }

    @Nested
    class Moderation {
        @Test
        void anAbusiveReview_isHeldForModeration_withTheReason_andNotPublic() {
            Product kettle = SHOP.product("Moderated kettle", 20, null);
            Accounts.Session angry = buyer("Reza Tehrani", kettle);
            JsonNode held = expect(review(angry, kettle, 1, "Awful", "The seller is an IDIOT!"), 201).json();
            assertThat(held.get("status").asText()).isEqualTo("pending");
            assertThat(held.get("verified_purchase").asBoolean()).isTrue();
            assertThat(api().get("/v1/products/" + kettle.id() + "/reviews").json().get("data")).isEmpty();
            assertRating(rating(kettle), 0, null, 0, 0, 0, 0, 0);

            Accounts.Session spammer = buyer("Ali Spam", kettle);
            JsonNode link = expect(review(spammer, kettle, 5, "Cheap here", "Buy at www.example.com today"), 201).json();
            assertThat(link.get("status").asText()).isEqualTo("pending");

            JsonNode queue = expect(api().get("/v1/admin/reviews?status=pending&product_id=" + kettle.id(),
                    SHOP.support()), 200).json();
            assertThat(queue.get("data").findValuesAsText("id")).containsExactly(link.get("id").asText(),
                    held.get("id").asText());
            assertThat(queue.get("data").get(1).get("flag_reason").asText()).isEqualTo("blocked_word: idiot");
            assertThat(queue.get("data").get(0).get("flag_reason").asText()).isEqualTo("contains_link");
            assertThat(queue.get("data").get(0).get("customer_id").asText()).isEqualTo(spammer.id());

            // The manager rejects with a message the author sees.
            JsonNode rejected = expect(api().post("/v1/admin/reviews/" + held.get("id").asText() + "/rejection",
                    "{\"message\":\"Please keep it civil\"}", SHOP.manager()), 200).json();
            assertThat(rejected.get("status").asText()).isEqualTo("rejected");
            JsonNode mine = expect(api().get("/v1/me/reviews/" + held.get("id").asText(), angry.auth()), 200).json();
            assertThat(mine.get("status").asText()).isEqualTo("rejected");
            assertThat(mine.get("moderation_message").asText()).isEqualTo("Please keep it civil");
            assertThat(expect(api().post("/v1/admin/reviews/" + held.get("id").asText() + "/rejection",
                    "{\"message\":\"again\"}", SHOP.manager()), 409).json().get("code").asText())
                    .isEqualTo("already_moderated");
        }

        @Test
        void staffRolesAreEnforced_supportReads_managerDecides_customersAndAnonymousCannot() {
            Product vase = SHOP.product("Roles vase", 20, null);
            Accounts.Session c = buyer("Mina Rostami", vase);
            String id = expect(review(c, vase, 2, "Hmm", "You scammer"), 201).json().get("id").asText();

            expect(api().get("/v1/admin/reviews", SHOP.support()), 200);
            expect(api().get("/v1/admin/reviews/" + id, SHOP.support()), 200);
            assertThat(expect(api().post("/v1/admin/reviews/" + id + "/approval", "{}", SHOP.support()), 403)
                    .json().get("code").asText()).isEqualTo("forbidden");
            expect(api().post("/v1/admin/reviews/" + id + "/rejection", "{\"message\":\"no\"}", SHOP.support()), 403);
            expect(api().get("/v1/admin/reviews", c.auth()), 403);
            expect(api().get("/v1/admin/reviews"), 401);
            expect(api().post("/v1/admin/reviews/" + id + "/approval", "{}", c.auth()), 403);
            assertThat(api().get("/v1/me/reviews/" + id, c.auth()).json().get("status").asText()).isEqualTo("pending");

            expect(api().post("/v1/admin/reviews/" + id + "/approval", "{\"message\":\"ok\"}", SHOP.manager()), 200);
            expect(api().post("/v1/admin/reviews/" + id + "/approval", null, SHOP.admin()), 409);
            // A stale version is refused: the author may have changed the text.
            expect(api().post("/v1/admin/reviews/" + id + "/rejection", "{\"message\":\"x\",\"version\":1}",
                    SHOP.manager()), 409);
            expect(api().get("/v1/admin/reviews?status=bogus", SHOP.support()), 400);
            expect(api().get("/v1/admin/reviews/not-an-id", SHOP.support()), 404);
        }
    }

    @Nested
    class Ratings {
        @Test
        void productRating_onTheCachedDetail_countsOnlyApprovedReviews() {
            Product lamp = SHOP.product("Rated lamp", 50, null);
            assertRating(rating(lamp), 0, null, 0, 0, 0, 0, 0); // now cached in Redis
            Accounts.Session a = buyer("Aida One", lamp);
            Accounts.Session b = buyer("Bahar Two", lamp);
            Accounts.Session c = buyer("Cyrus Three", lamp);
            Accounts.Session d = buyer("Dara Four", lamp);

            expect(review(a, lamp, 5, "Bright", "Exactly as shown"), 201);
            assertRating(rating(lamp), 1, "5.00", 0, 0, 0, 0, 1);
            expect(review(b, lamp, 4, "Good", "Warm light"), 201);
            assertRating(rating(lamp), 2, "4.50", 0, 0, 0, 1, 1);
            String cId = expect(review(c, lamp, 1, "Broken", "Sold by an idiot"), 201).json().get("id").asText();
            assertRating(rating(lamp), 2, "4.50", 0, 0, 0, 1, 1); // pending does not count
            String dId = expect(review(d, lamp, 2, "Dim", "Too dim for reading"), 201).json().get("id").asText();
            // (5 + 4 + 2) / 3 = 3.666... -> 3.67
            assertRating(rating(lamp), 3, "3.67", 0, 1, 0, 1, 1);

            expect(api().post("/v1/admin/reviews/" + dId + "/rejection", "{\"message\":\"Off-topic\"}", SHOP.manager()),
                    200);
            assertRating(rating(lamp), 2, "4.50", 0, 0, 0, 1, 1);
            expect(api().post("/v1/admin/reviews/" + cId + "/approval", "{\"message\":\"Fair complaint\"}",
                    SHOP.manager()), 200);
            // (5 + 4 + 1) / 3 = 3.333... -> 3.33
            assertRating(rating(lamp), 3, "3.33", 1, 0, 0, 1, 1);

            // Editing re-enters moderation: flagged text takes the review out of the rating until staff decide.
            JsonNode edited = expect(api().patch("/v1/me/reviews/" + cId, "{\"rating\":3,\"text\":\"Still an idiot "
                    + "design\"}", c.auth()), 200).json();
            assertThat(edited.get("status").asText()).isEqualTo("pending");
            assertThat(edited.get("rating").asInt()).isEqualTo(3);
            assertThat(edited.get("title").asText()).isEqualTo("Broken");
            assertThat(edited.get("moderation_message").isNull()).isTrue();
            assertRating(rating(lamp), 2, "4.50", 0, 0, 0, 1, 1);
            // A clean edit of an approved review is approved again with its new rating: (5 + 3) / 2 = 4.00.
            String bId = api().get("/v1/me/reviews", b.auth()).json().get("data").get(0).get("id").asText();
            expect(api().patch("/v1/me/reviews/" + bId, "{\"rating\":3}", b.auth()), 200);
            assertRating(rating(lamp), 2, "4.00", 0, 0, 1, 0, 1);

            JsonNode publicList = api().get("/v1/products/" + lamp.id() + "/reviews").json();
            assertThat(publicList.get("data").findValuesAsText("id")).containsExactly(bId,
                    api().get("/v1/me/reviews", a.auth()).json().get("data").get(0).get("id").asText());
        }

        @Test
        void concurrentApprovals_allCountInTheRating() throws Exception {
            Product stool = SHOP.product("Concurrent stool", 50, null);
            List<String> held = new java.util.ArrayList<>();
            int[] stars = {1, 2, 3, 4, 5, 5};
            for (int i = 0; i < stars.length; i++) {
                Accounts.Session c = buyer("Con Customer" + i, stool);
                JsonNode r = expect(review(c, stool, stars[i], "Linked", "More at www.example.com"), 201).json();
                assertThat(r.get("status").asText()).isEqualTo("pending");
                held.add(r.get("id").asText());
            }
            assertRating(rating(stool), 0, null, 0, 0, 0, 0, 0);
            String[] manager = SHOP.manager();
            List<Integer> statuses = Parallel.all(held.size(), held.stream().map(id -> (java.util.concurrent.Callable<Integer>)
                    () -> api().post("/v1/admin/reviews/" + id + "/approval", "{}", manager).status()).toList());
            assertThat(statuses).containsOnly(200);
            // 1 + 2 + 3 + 4 + 5 + 5 = 20 over 6 = 3.333... -> 3.33: no approval lost its count to another.
            assertRating(rating(stool), 6, "3.33", 1, 1, 1, 1, 2);
        }

        @Test
        void thePublicList_isKeysetPaginated_andBadInputIs400() {
            Product mug = SHOP.product("Paged mug", 50, null);
            List<String> ids = new java.util.ArrayList<>();
            for (String name : List.of("Pari A", "Pari B", "Pari C")) {
                Accounts.Session c = buyer(name, mug);
                ids.add(0, expect(review(c, mug, 5, "Nice", "Nice mug"), 201).json().get("id").asText());
                BazaarApp.app(APP).clock.advance(Duration.ofSeconds(1));
            }
            JsonNode first = expect(api().get("/v1/products/" + mug.id() + "/reviews?limit=2"), 200).json();
            assertThat(first.get("data").findValuesAsText("id")).containsExactlyElementsOf(ids.subList(0, 2));
            JsonNode second = expect(api().get("/v1/products/" + mug.id() + "/reviews?limit=2&cursor="
                    + first.get("next_cursor").asText()), 200).json();
            assertThat(second.get("data").findValuesAsText("id")).containsExactly(ids.get(2));
            assertThat(second.get("next_cursor").isNull()).isTrue();

            assertThat(expect(api().get("/v1/products/" + mug.id() + "/reviews?cursor=nope"), 400).json()
                    .get("code").asText()).isEqualTo("invalid_cursor");
            expect(api().get("/v1/products/" + mug.id() + "/reviews?limit=0"), 400);
            expect(api().get("/v1/products/no-such-product/reviews"), 404);
            Accounts.Session c = buyer("Valid Ator", mug);
            expect(review(c, mug, 6, "Too good", "Six stars"), 400);
            expect(review(c, mug, 0, "Bad", "Zero"), 400);
            expect(api().post("/v1/products/" + mug.id() + "/reviews", "{\"rating\":5,\"title\":\"t\",\"text\":\"x\","
                    + "\"stars\":5}", c.auth()), 400);
            expect(api().post("/v1/products/" + mug.id() + "/reviews", "{\"rating\":5,\"title\":\" \",\"text\":\"x\"}",
                    c.auth()), 400);
        }
    }

    @Nested
    class Ownership {
        @Test
        void oneReviewPerCustomerPerProduct_evenUnderConcurrentPosts() throws Exception {
            Product bowl = SHOP.product("Single bowl", 20, null);
            Accounts.Session c = buyer("Shirin One", bowl);
            List<Integer> statuses = Parallel.times(6, () -> review(c, bowl, 5, "Lovely", "A lovely bowl").status());
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
            Api.Reply again = expect(review(c, bowl, 3, "Changed my mind", "Meh"), 409);
            assertThat(again.json().get("code").asText()).isEqualTo("review_exists");
            assertThat(api().get("/v1/products/" + bowl.id() + "/reviews").json().get("data")).hasSize(1);
            assertRating(rating(bowl), 1, "5.00", 0, 0, 0, 0, 1);
            int events = BazaarApp.app(APP).jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM outbox_event WHERE type = 'review.submitted' AND payload->>'product_id' = :p")
                    .bind("p", bowl.id()).mapTo(Integer.class).one());
            assertThat(events).isEqualTo(1);
        }

        @Test
        void anotherCustomerCannotReadOrEditSomeonesReview_404() {
            Product plate = SHOP.product("Owned plate", 20, null);
            Accounts.Session owner = buyer("Owner Person", plate);
            Accounts.Session other = buyer("Other Person", plate);
            String id = expect(review(owner, plate, 5, "Mine", "My words"), 201).json().get("id").asText();

            Api.Reply edit = expect(api().patch("/v1/me/reviews/" + id, "{\"text\":\"Hijacked\"}", other.auth()), 404);
            assertThat(edit.json().get("code").asText()).isEqualTo("not_found");
            expect(api().get("/v1/me/reviews/" + id, other.auth()), 404);
            assertThat(api().get("/v1/me/reviews", other.auth()).json().get("data")).isEmpty();
            expect(api().patch("/v1/me/reviews/" + id, "{\"text\":\"Hijacked\"}", SHOP.manager()), 403);
            assertThat(api().get("/v1/me/reviews/" + id, owner.auth()).json().get("text").asText()).isEqualTo("My words");
        }
    }

    @Nested
    class Privacy {
        @Test
        void exportListsWhatTheCustomerWrote_andErasureDeletesIt_andRecomputesTheRating() {
            Product chair = SHOP.product("Private chair", 20, null);
            Accounts.Session keeper = buyer("Keeper Stays", chair);
            Accounts.Session leaver = buyer("Leaver Goes", chair);
            expect(review(keeper, chair, 5, "Solid", "Very solid"), 201);
            String gone = expect(review(leaver, chair, 1, "Wobbly", "My name is Leaver, call me"), 201).json()
                    .get("id").asText();
            String question = expect(api().post("/v1/products/" + chair.id() + "/questions",
                    "{\"text\":\"Does it fold?\"}", leaver.auth()), 201).json().get("id").asText();
            assertRating(rating(chair), 2, "3.00", 1, 0, 0, 0, 1);

            JsonNode export = expect(api().get("/v1/me/export", leaver.auth()), 200).json();
            JsonNode store = export; // the store part of the export is at the top level
            assertThat(store.get("reviews").findValuesAsText("id")).containsExactly(gone);
            assertThat(store.get("questions").findValuesAsText("id")).containsExactly(question);

            expect(api().post("/v1/me/erasure", "{}", leaver.auth()), 200);
            assertRating(rating(chair), 1, "5.00", 0, 0, 0, 0, 1);
            assertThat(api().get("/v1/products/" + chair.id() + "/reviews").json().get("data")).hasSize(1);
            assertThat(api().get("/v1/products/" + chair.id() + "/questions").json().get("data")).isEmpty();
            expect(api().get("/v1/admin/reviews/" + gone, SHOP.support()), 404);
        }
    }
}
