package io.bazaar.store.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.bazaar.store.support.TestRedis;
import io.bazaar.shared.web.ViewShape;
import io.bazaar.store.catalog.app.CatalogViews.ProductView;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

@ExtendWith(DropwizardExtensionsSupport.class)
class CatalogIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension();

    Api api() {
        return BazaarApp.api(APP);
    }

    Jdbi jdbi() {
        return BazaarApp.app(APP).jdbi();
    }

    // Signed in once: staff sign-in is rate-limited per account, and every test needs the admin.
    static String[] adminAuth;

    String[] admin() {
        synchronized (CatalogIT.class) {
            if (adminAuth == null) {
                adminAuth = Accounts.admin(api()).auth();
            }
            return adminAuth;
        }
    }

    static String unique(String p) {
        return p + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    JsonNode category(String name, String parentId) {
        Api.Reply r = api().post("/v1/admin/categories", "{\"name\":\"" + name + "\",\"slug\":\"" + unique("c") + "\""
                + (parentId == null ? "" : ",\"parent_id\":\"" + parentId + "\"") + "}", admin());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    /** Creates an active product with one variant priced in USD. */
    JsonNode product(String title, String extraJson, long usd, int stock, String... adminAuth) {
        String sku = unique("SKU");
        String body = "{\"title\":\"" + title + "\",\"status\":\"active\"" + (extraJson.isEmpty() ? "" : "," + extraJson)
                + ",\"variants\":[{\"sku\":\"" + sku + "\",\"options\":{\"size\":\"M\"},\"prices\":[{\"currency\":\"USD\",\"amount\":"
                + usd + "}],\"stock_on_hand\":" + stock + "}]}";
        Api.Reply r = api().post("/v1/admin/products", body, adminAuth.length == 0 ? admin() : adminAuth);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    @Nested
    class StaffEndpoints {
        @Test
        void create_thenDetailShowsVariantsPricesAvailabilityAndDelivery() {
            JsonNode cat = category("Phones", null);
            JsonNode p = product("Galaxy Test Phone", "\"brand\":\"Samsung\",\"attributes\":{\"colour\":\"black\"},"
                    + "\"category_ids\":[\"" + cat.get("id").asText() + "\"],\"tags\":[\"Phone\"],\"delivery_min_days\":1,"
                    + "\"delivery_max_days\":3", 49900, 3);
            assertThat(p.get("version").asInt()).isEqualTo(1);
            assertThat(p.get("variants").get(0).get("stock_on_hand").asInt()).isEqualTo(3);

            Api.Reply d = api().get("/v1/products/" + p.get("slug").asText());
            assertThat(d.status()).as(d.toString()).isEqualTo(200);
            JsonNode v = d.json().get("variants").get(0);
            assertThat(v.get("prices").get(0).get("amount").asLong()).isEqualTo(49900);
            assertThat(v.get("availability").get("status").asText()).isEqualTo("low_stock");
            assertThat(v.get("availability").get("label").asText()).isEqualTo("only 3 left");
            assertThat(v.has("stock_on_hand")).isFalse();
            assertThat(d.json().get("delivery_estimate").get("max_days").asInt()).isEqualTo(3);
            assertThat(d.json().get("categories").get(0).get("name").asText()).isEqualTo("Phones");
            assertThat(d.json().get("tags").get(0).asText()).isEqualTo("phone");
            assertThat(api().get("/v1/products/" + p.get("id").asText()).status()).isEqualTo(200);
        }

        @Test
        void update_withStaleVersion_is409_andCurrentVersionSucceeds() {
            JsonNode p = product("Versioned", "", 100, 0);
            String id = p.get("id").asText();
            Api.Reply ok = api().patch("/v1/admin/products/" + id, "{\"version\":1,\"title\":\"Versioned 2\"}", admin());
            assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
            assertThat(ok.json().get("version").asInt()).isEqualTo(2);
            Api.Reply stale = api().patch("/v1/admin/products/" + id, "{\"version\":1,\"title\":\"Lost update\"}", admin());
            assertThat(stale.status()).isEqualTo(409);
            assertThat(stale.contentType()).startsWith("application/problem+json");
            assertThat(stale.json().get("code").asText()).isEqualTo("version_conflict");
            Api.Reply missing = api().patch("/v1/admin/products/" + id, "{\"title\":\"x\"}", admin());
            assertThat(missing.status()).isEqualTo(400);
        }

        @Test
        void create_reportsEveryInvalidField_andDuplicateSkuOrSlugIs409() {
            Api.Reply bad = api().post("/v1/admin/products", "{\"title\":\"\",\"status\":\"live\",\"variants\":[{\"sku\":\"a b\","
                    + "\"prices\":[{\"currency\":\"XYZ\",\"amount\":-1}]}]}", admin());
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().get("errors").findValuesAsText("field")).contains("title", "status", "variants[0].sku",
                    "variants[0].prices[0].currency", "variants[0].prices[0].amount");
            JsonNode p = product("Dup", "\"slug\":\"" + unique("dup") + "\"", 100, 0);
            String sku = p.get("variants").get(0).get("sku").asText();
            Api.Reply dupSku = api().post("/v1/admin/products", "{\"title\":\"Other\",\"variants\":[{\"sku\":\"" + sku + "\"}]}", admin());
            assertThat(dupSku.status()).isEqualTo(409);
            assertThat(dupSku.json().get("code").asText()).isEqualTo("sku_taken");
            Api.Reply dupSlug = api().post("/v1/admin/products", "{\"title\":\"Other\",\"slug\":\"" + p.get("slug").asText() + "\"}", admin());
            assertThat(dupSlug.json().get("code").asText()).isEqualTo("slug_taken");
            Api.Reply unknown = api().post("/v1/admin/products", "{\"title\":\"x\",\"colour\":\"red\"}", admin());
            assertThat(unknown.status()).isEqualTo(400);
        }

        @Test
        void customers_andAnonymous_cannotManageTheCatalogue() {
            Accounts.Session c = Accounts.registerAndSignIn(api(), "shopper");
            assertThat(api().post("/v1/admin/products", "{\"title\":\"x\"}", c.auth()).status()).isEqualTo(403);
            assertThat(api().post("/v1/admin/products", "{\"title\":\"x\"}").status()).isEqualTo(401);
        }

        @Test
        void variantAndPriceChanges_showInTheDetail() {
            JsonNode p = product("Variant Product", "", 1000, 0);
            String id = p.get("id").asText();
            Api.Reply added = api().post("/v1/admin/products/" + id + "/variants", "{\"sku\":\"" + unique("V") + "\","
                    + "\"options\":{\"size\":\"L\"},\"prices\":[{\"currency\":\"USD\",\"amount\":900},{\"currency\":\"KWD\",\"amount\":350}]}", admin());
            assertThat(added.status()).as(added.toString()).isEqualTo(201);
            String variantId = added.json().get("variants").get(1).get("id").asText();
            Api.Reply changed = api().patch("/v1/admin/variants/" + variantId,
                    "{\"prices\":[{\"currency\":\"USD\",\"amount\":800,\"compare_at_amount\":1200}]}", admin());
            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
            JsonNode detail = api().get("/v1/products/" + id).json();
            assertThat(detail.get("variants").get(1).get("prices").get(0).get("compare_at_amount").asLong()).isEqualTo(1200);
            assertThat(detail.get("price_from").get(0).get("amount").asLong()).isEqualTo(800);
        }

        @Test
        void archive_hidesTheProductFromShoppers() {
            JsonNode p = product("Archived soon", "", 100, 1);
            String id = p.get("id").asText();
            assertThat(api().get("/v1/products/" + id).status()).isEqualTo(200);
            Api.Reply a = api().post("/v1/admin/products/" + id + "/archival", "", admin());
            assertThat(a.status()).as(a.toString()).isEqualTo(200);
            assertThat(a.json().get("status").asText()).isEqualTo("archived");
            assertThat(api().get("/v1/products/" + id).status()).isEqualTo(404);
            assertThat(api().get("/v1/admin/products/" + id, admin()).status()).isEqualTo(200);
        }
    }

    @Nested
    class Stock {
        @Test
        void adjustments_areLedgered_andCannotGoNegative() {
            JsonNode p = product("Stocked", "", 100, 2);
            String variant = p.get("variants").get(0).get("id").asText();
            Api.Reply in = api().post("/v1/admin/variants/" + variant + "/stock-adjustments",
                    "{\"delta\":5,\"reason\":\"received\"}", admin());
            assertThat(in.status()).as(in.toString()).isEqualTo(201);
            assertThat(in.json().get("stock_on_hand").asInt()).isEqualTo(7);
            Api.Reply tooMuch = api().post("/v1/admin/variants/" + variant + "/stock-adjustments",
                    "{\"delta\":-8,\"reason\":\"damaged\"}", admin());
            assertThat(tooMuch.status()).isEqualTo(409);
            assertThat(tooMuch.json().get("code").asText()).isEqualTo("out_of_stock");
            Api.Reply wrongSign = api().post("/v1/admin/variants/" + variant + "/stock-adjustments",
                    "{\"delta\":-1,\"reason\":\"received\"}", admin());
            assertThat(wrongSign.status()).isEqualTo(400);
            Api.Reply badReason = api().post("/v1/admin/variants/" + variant + "/stock-adjustments",
                    "{\"delta\":1,\"reason\":\"found\"}", admin());
            assertThat(badReason.status()).isEqualTo(400);
            JsonNode ledger = api().get("/v1/admin/variants/" + variant + "/stock-movements", admin()).json();
            assertThat(ledger.get("data").findValuesAsText("reason")).containsExactly("received", "received");
        }

        @Test
        void concurrentAdjustments_keepLedgerSumEqualToStock_andNeverNegative() throws Exception {
            JsonNode p = product("Contended", "", 100, 10);
            String variant = p.get("variants").get(0).get("id").asText();
            String[] auth = admin();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                boolean sale = i % 4 != 0;
                results.add(pool.submit(() -> api().post("/v1/admin/variants/" + variant + "/stock-adjustments",
                        sale ? "{\"delta\":-1,\"reason\":\"sale\"}" : "{\"delta\":1,\"reason\":\"return\"}", auth).status()));
            }
            int ok = 0;
            int outOfStock = 0;
            for (Future<Integer> f : results) {
                int s = f.get();
                assertThat(s).isIn(201, 409);
                if (s == 201) {
                    ok++;
                } else {
                    outOfStock++;
                }
            }
            pool.shutdown();
            assertThat(ok + outOfStock).isEqualTo(80);
            assertThat(outOfStock).isGreaterThan(0);
            UUID id = UUID.fromString(variant);
            int stock = jdbi().withHandle(h -> h.createQuery("SELECT stock_on_hand FROM variant WHERE id = :id")
                    .bind("id", id).mapTo(Integer.class).one());
            long sum = jdbi().withHandle(h -> h.createQuery("SELECT sum(delta) FROM stock_movement WHERE variant_id = :id")
                    .bind("id", id).mapTo(Long.class).one());
            int minAfter = jdbi().withHandle(h -> h.createQuery("SELECT min(stock_after) FROM stock_movement WHERE variant_id = :id")
                    .bind("id", id).mapTo(Integer.class).one());
            assertThat(sum).isEqualTo(stock);
            assertThat(minAfter).isGreaterThanOrEqualTo(0);
            JsonNode admin = api().get("/v1/admin/products/" + p.get("id").asText(), auth).json();
            assertThat(admin.get("variants").get(0).get("stock_on_hand").asInt()).isEqualTo(stock);
        }
    }

    @Nested
    class PublicList {
        @Test
        void draftsAreInvisible() {
            Api.Reply r = api().post("/v1/admin/products", "{\"title\":\"Secret Draft Gadget\",\"slug\":\"" + unique("draft") + "\"}", admin());
            assertThat(r.status()).isEqualTo(201);
            assertThat(api().get("/v1/products/" + r.json().get("id").asText()).status()).isEqualTo(404);
            assertThat(api().get("/v1/products/" + r.json().get("slug").asText()).status()).isEqualTo(404);
            assertThat(api().get("/v1/search?q=secret+draft+gadget").json().get("data")).isEmpty();
        }

        @Test
        void filters_categoryIncludesSubcategories_priceRange_inStock_attribute_tag() {
            JsonNode root = category("Books root", null);
            JsonNode child = category("Novels", root.get("id").asText());
            String tag = unique("tag").toLowerCase();
            JsonNode a = product("Filter A", "\"category_ids\":[\"" + child.get("id").asText() + "\"],\"attributes\":{\"cover\":\"hard\"},\"tags\":[\"" + tag + "\"]", 1000, 5);
            JsonNode b = product("Filter B", "\"category_ids\":[\"" + root.get("id").asText() + "\"],\"attributes\":{\"cover\":\"soft\"},\"tags\":[\"" + tag + "\"]", 3000, 0);
            String cat = "/v1/products?category=" + root.get("slug").asText();
            assertThat(api().get(cat).json().get("data").findValuesAsText("id"))
                    .containsExactlyInAnyOrder(a.get("id").asText(), b.get("id").asText());
            assertThat(api().get(cat + "&currency=USD&min_price=2000&max_price=5000").json().get("data").findValuesAsText("id"))
                    .containsExactly(b.get("id").asText());
            assertThat(api().get(cat + "&in_stock=true").json().get("data").findValuesAsText("id")).containsExactly(a.get("id").asText());
            assertThat(api().get(cat + "&attr=cover:soft").json().get("data").findValuesAsText("id")).containsExactly(b.get("id").asText());
            assertThat(api().get("/v1/products?tag=" + tag + "&currency=USD&sort=price_desc").json().get("data").findValuesAsText("id"))
                    .containsExactly(b.get("id").asText(), a.get("id").asText());
        }

        @Test
        void keysetPagination_walksEveryProductOnce_inPriceOrder() {
            String tag = unique("page").toLowerCase();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                ids.add(product("Paged " + i, "\"tags\":[\"" + tag + "\"]", 100 + (i % 3), 1).get("id").asText());
            }
            List<String> seen = new ArrayList<>();
            long lastPrice = -1;
            String cursor = null;
            do {
                Api.Reply r = api().get("/v1/products?tag=" + tag + "&currency=USD&sort=price_asc&limit=3"
                        + (cursor == null ? "" : "&cursor=" + cursor));
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                for (JsonNode item : r.json().get("data")) {
                    seen.add(item.get("id").asText());
                    long price = item.get("price_from").get(0).get("amount").asLong();
                    assertThat(price).isGreaterThanOrEqualTo(lastPrice);
                    lastPrice = price;
                }
                cursor = r.json().get("next_cursor").isNull() ? null : r.json().get("next_cursor").asText();
            } while (cursor != null);
            assertThat(seen).containsExactlyInAnyOrderElementsOf(ids).doesNotHaveDuplicates();
        }

        @Test
        void badFiltersAndCursors_are400ProblemJson() {
            for (String q : List.of("?cursor=garbage", "?limit=0", "?limit=abc", "?sort=cheapest", "?min_price=5",
                    "?currency=usd&min_price=1", "?in_stock=maybe", "?attr=nocolon", "?category=" + unique("nope"),
                    "?sort=relevance")) {
                Api.Reply r = api().get("/v1/products" + q);
                assertThat(r.status()).as(q + " -> " + r).isEqualTo(400);
                assertThat(r.contentType()).startsWith("application/problem+json");
            }
            String newestCursor = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ("NEWEST|2024-01-01T00:00:00Z|" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
            Api.Reply wrongSort = api().get("/v1/products?currency=USD&sort=price_asc&cursor=" + newestCursor);
            assertThat(wrongSort.status()).isEqualTo(400);
            assertThat(wrongSort.json().get("code").asText()).isEqualTo("invalid_cursor");
            assertThat(api().get("/v1/search").status()).isEqualTo(400);
        }

        @Test
        void compare_alignsAttributes() {
            JsonNode a = product("Compare A", "\"brand\":\"X\",\"attributes\":{\"ram\":\"8GB\",\"cpu\":\"amd\"}", 100, 1);
            JsonNode b = product("Compare B", "\"brand\":\"Y\",\"attributes\":{\"ram\":\"16GB\"}", 200, 1);
            Api.Reply r = api().get("/v1/products/compare?ids=" + a.get("id").asText() + "," + b.get("id").asText());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode rows = r.json().get("rows");
            assertThat(rows.get(0).get("attribute").asText()).isEqualTo("brand");
            JsonNode cpu = null;
            for (JsonNode row : rows) {
                if (row.get("attribute").asText().equals("cpu")) {
                    cpu = row;
                }
            }
            assertThat(cpu).isNotNull();
            assertThat(cpu.get("values").get(0).asText()).isEqualTo("amd");
            assertThat(cpu.get("values").get(1).isNull()).isTrue();
            assertThat(api().get("/v1/products/compare?ids=" + a.get("id").asText()).status()).isEqualTo(400);
        }
    }

    @Nested
    class Search {
        @Test
        void persianArabicLetterVariants_matchBothWays() {
            product("کتاب آموزش آشپزی", "\"tags\":[\"کتاب\"]", 500, 3);
            Api.Reply arabicKaf = api().get("/v1/search?q=" + enc("كتاب"));
            assertThat(arabicKaf.status()).as(arabicKaf.toString()).isEqualTo(200);
            assertThat(arabicKaf.json().get("data").findValuesAsText("title")).contains("کتاب آموزش آشپزی");
            product("دفتر مشقي ۱۲ برگ", "", 100, 3); // stored with Arabic yeh and Persian digits
            assertThat(api().get("/v1/search?q=" + enc("مشقی 12")).json().get("data").findValuesAsText("title"))
                    .contains("دفتر مشقي ۱۲ برگ");
            product("کتاب\u200Cهای کودک", "", 100, 3); // with zero-width non-joiner
            assertThat(api().get("/v1/search?q=" + enc("کتابهای")).json().get("data").findValuesAsText("title"))
                    .contains("کتاب\u200Cهای کودک");
        }

        @Test
        void typos_andPrefixes_findTheProduct_rankedWithFacets() {
            JsonNode cat = category("Smartphones", null);
            product("Apple iPhone 15 Pro", "\"category_ids\":[\"" + cat.get("id").asText() + "\"],\"attributes\":{\"colour\":\"blue\"}", 99900, 4);
            Api.Reply typo = api().get("/v1/search?q=iphnoe");
            assertThat(typo.status()).as(typo.toString()).isEqualTo(200);
            assertThat(typo.json().get("data").findValuesAsText("title")).contains("Apple iPhone 15 Pro");
            assertThat(typo.json().get("searched_words").toString()).contains("iphone");
            Api.Reply prefix = api().get("/v1/search?q=ipho");
            assertThat(prefix.json().get("data").findValuesAsText("title")).contains("Apple iPhone 15 Pro");
            JsonNode facets = prefix.json().get("facets");
            assertThat(facets.get("categories").findValuesAsText("label")).contains("Smartphones");
            assertThat(facets.get("attributes").get("colour").findValuesAsText("value")).contains("blue");
            assertThat(api().get("/v1/search?q=zzzzqqq").json().get("data")).isEmpty();

            // A search's first page reads its product cards in the same statement as the hits; a list page and
            // later search pages read them on their own: the card is the same either way.
            JsonNode searched = prefix.json().get("data").get(0);
            JsonNode listed = api().get("/v1/products?category=" + cat.get("slug").asText()).json().get("data").get(0);
            assertThat(searched).isEqualTo(listed);
            assertThat(searched.get("price_from").toString()).contains("USD");
            assertThat(searched.get("availability")).isNotNull();
        }

        @Test
        void theLastWordIsAPrefix_anEarlierWholeWordMatchesOnlyItself() {
            product("Quasar nebulon", "", 100, 1);
            product("Quasarium nebulon", "", 100, 1);
            assertThat(titles("quasar nebulon")).containsExactly("Quasar nebulon");
            assertThat(titles("nebulon quasar")).containsExactlyInAnyOrder("Quasar nebulon", "Quasarium nebulon");
            // not a whole word anywhere: still a prefix, wherever it stands
            assertThat(titles("quasa nebulon")).containsExactlyInAnyOrder("Quasar nebulon", "Quasarium nebulon");
            // a misspelt earlier word is still corrected
            assertThat(titles("qusaar nebulon")).contains("Quasar nebulon");
        }

        private java.util.List<String> titles(String q) {
            Api.Reply r = api().get("/v1/search?q=" + enc(q));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            return r.json().get("data").findValuesAsText("title");
        }
    }

    @Nested
    class FacetsAndBestSellers {
        @Test
        void categoryFacets_rollUpToParents_countingEachProductOnce() {
            JsonNode parent = category("Gadgets", null);
            JsonNode tablets = category("Tablets", parent.get("id").asText());
            JsonNode laptops = category("Laptops", parent.get("id").asText());
            String t = tablets.get("id").asText();
            String l = laptops.get("id").asText();
            product("Zorbix tablet one", "\"category_ids\":[\"" + t + "\"]", 100, 1);
            product("Zorbix laptop two", "\"category_ids\":[\"" + l + "\"]", 100, 1);
            product("Zorbix convertible three", "\"category_ids\":[\"" + t + "\",\"" + l + "\"]", 100, 1);
            JsonNode cats = api().get("/v1/search?q=zorbix").json().get("facets").get("categories");
            java.util.Map<String, Integer> counts = new java.util.HashMap<>();
            cats.forEach(c -> counts.put(c.get("label").asText(), c.get("count").asInt()));
            assertThat(counts).containsEntry("Gadgets", 3).containsEntry("Tablets", 2).containsEntry("Laptops", 2);
        }

        @Test
        void searchPages_coverEveryMatchOnce_andOnlyTheFirstCarriesFacets_mostFrequentFirst() {
            for (int i = 0; i < 5; i++) {
                product("Quorvax lamp " + i, "\"attributes\":{\"finish\":\"" + (i < 3 ? "matte" : "gloss") + "\"}", 100 + i, 1);
            }
            java.util.List<String> titles = new java.util.ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Api.Reply page = api().get("/v1/search?q=quorvax&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
                assertThat(page.status()).as(page.toString()).isEqualTo(200);
                JsonNode facets = page.json().get("facets");
                if (pages == 0) {
                    JsonNode finish = facets.get("attributes").get("finish");
                    assertThat(finish.findValuesAsText("value")).containsExactly("matte", "gloss");
                    assertThat(finish.get(0).get("count").asInt()).isEqualTo(3);
                    assertThat(finish.get(1).get("count").asInt()).isEqualTo(2);
                } else {
                    assertThat(facets == null || facets.isNull()).as(page.toString()).isTrue();
                }
                titles.addAll(page.json().get("data").findValuesAsText("title"));
                cursor = page.json().get("next_cursor").isNull() ? null : page.json().get("next_cursor").asText();
                pages++;
            } while (cursor != null);
            assertThat(pages).isEqualTo(3);
            assertThat(titles).hasSize(5).doesNotHaveDuplicates().allMatch(t -> t.startsWith("Quorvax lamp "));
        }

        @Test
        void bestSellingSort_ranksByUnitsInPaidOrders_notUnpaidOnes() {
            JsonNode cat = category("Best sellers shelf", null);
            String c = cat.get("id").asText();
            String slow = product("Shelf item slow", "\"category_ids\":[\"" + c + "\"]", 1000, 20)
                    .get("variants").get(0).get("id").asText();
            String fast = product("Shelf item fast", "\"category_ids\":[\"" + c + "\"]", 1000, 20)
                    .get("variants").get(0).get("id").asText();
            String unpaid = product("Shelf item unpaid", "\"category_ids\":[\"" + c + "\"]", 1000, 20)
                    .get("variants").get(0).get("id").asText();
            order(slow, 1, true);
            order(fast, 3, true);
            order(unpaid, 9, false);
            BazaarApp.app(APP).catalogQueries().refreshBestSellers(BazaarApp.app(APP).clock.instant(),
                    java.time.Duration.ofDays(30));
            Api.Reply page = api().get("/v1/products?category=" + c + "&sort=best_selling&limit=2");
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.json().get("data").findValuesAsText("title"))
                    .containsExactly("Shelf item fast", "Shelf item slow");
            Api.Reply next = api().get("/v1/products?category=" + c + "&sort=best_selling&limit=2&cursor="
                    + page.json().get("next_cursor").asText());
            assertThat(next.json().get("data").findValuesAsText("title")).containsExactly("Shelf item unpaid");
        }

        void order(String variant, int quantity, boolean pay) {
            String token = api().post("/v1/carts", "{\"currency\":\"USD\"}").json().get("token").asText();
            Api.Reply add = api().post("/v1/carts/current/lines", "{\"variant_id\":\"" + variant + "\",\"quantity\":"
                    + quantity + "}", "X-Cart-Token", token);
            assertThat(add.status()).as(add.toString()).isEqualTo(200);
            Api.Reply placed = api().post("/v1/checkout", "{\"email\":\"shelf@example.com\",\"shipping_address\":"
                    + "{\"name\":\"Ann Lee\",\"line1\":\"1 Main St\",\"city\":\"Boston\",\"postal_code\":\"02110\","
                    + "\"country\":\"US\"},\"shipping_method\":\"standard\",\"payment_provider\":\"manual\"}",
                    "X-Cart-Token", token);
            assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
            if (pay) {
                Api.Reply paid = api().post("/v1/admin/orders/" + placed.json().get("order").get("id").asText()
                        + "/manual-payment", null, admin());
                assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
            }
        }
    }

    @Nested
    class Caching {
        @Test
        void updateIsVisibleImmediately_readAfterWrite() {
            JsonNode p = product("Cached Title", "", 100, 1);
            String id = p.get("id").asText();
            String slug = p.get("slug").asText();
            assertThat(api().get("/v1/products/" + id).json().get("title").asText()).isEqualTo("Cached Title");
            assertThat(api().get("/v1/products/" + slug).json().get("title").asText()).isEqualTo("Cached Title");
            api().get("/v1/products?limit=100");
            Api.Reply u = api().patch("/v1/admin/products/" + id, "{\"version\":1,\"title\":\"Fresh Title\"}", admin());
            assertThat(u.status()).isEqualTo(200);
            assertThat(api().get("/v1/products/" + id).json().get("title").asText()).isEqualTo("Fresh Title");
            assertThat(api().get("/v1/products/" + slug).json().get("title").asText()).isEqualTo("Fresh Title");
            assertThat(api().get("/v1/products?limit=100").json().get("data").findValuesAsText("title")).contains("Fresh Title");

            String variant = p.get("variants").get(0).get("id").asText();
            api().post("/v1/admin/variants/" + variant + "/stock-adjustments", "{\"delta\":-1,\"reason\":\"sale\"}", admin());
            assertThat(api().get("/v1/products/" + id).json().get("availability").get("status").asText())
                    .isEqualTo("out_of_stock");
        }

        @Test
        void aCachedPage_isServedAsTheJsonItWasStoredAs_underAKeyNamingTheViewShape() {
            JsonNode p = product("Shaped Title", "", 100, 3);
            String slug = p.get("slug").asText();
            Api.Reply miss = api().get("/v1/products/" + slug);
            Api.Reply hit = api().get("/v1/products/" + slug);
            assertThat(miss.status()).isEqualTo(200);
            assertThat(hit.status()).isEqualTo(200);
            assertThat(hit.contentType()).startsWith("application/json");
            assertThat(hit.body()).isEqualTo(miss.body());
            String shape = ViewShape.of(ProductView.class, APP.getObjectMapper());
            try (Jedis redis = TestRedis.connect()) {
                String key = "catalog:v3:product:" + shape + ":" + slug;
                String entry = redis.get(key);
                assertThat(entry).as("the page is cached under %s", key).isNotNull();
                assertThat(entry.substring(entry.indexOf('\n') + 1)).isEqualTo(hit.body());

                // The hit is served as stored: an entry whose text differs is answered as it is...
                String generation = entry.substring(0, entry.indexOf('\n'));
                redis.set(key, generation + "\n" + hit.body().replace("Shaped Title", "Stored Title"));
                assertThat(api().get("/v1/products/" + slug).json().get("title").asText()).isEqualTo("Stored Title");
                // ...and an entry under another shape (written by another version of the view) is never read.
                redis.del(key);
                redis.set("catalog:v3:product:000000000000:" + slug, generation + "\n{\"title\":\"Old Shape\"}");
                assertThat(api().get("/v1/products/" + slug).json().get("title").asText()).isEqualTo("Shaped Title");
            }
        }
    }

    @Nested
    class BulkImport {
        @Test
        void jsonLines_badRowsReportedWithLineNumbers_othersAccepted() {
            String good1 = "{\"title\":\"Imported One\",\"status\":\"active\",\"variants\":[{\"sku\":\"" + unique("IMP") + "\",\"prices\":[{\"currency\":\"USD\",\"amount\":100}],\"stock_on_hand\":4}]}";
            String good2 = "{\"title\":\"Imported Two\",\"slug\":\"" + unique("imported") + "\"}";
            String body = good1 + "\n{not json}\n\n{\"title\":\"\"}\n" + good2 + "\n{\"title\":\"x\",\"bogus\":1}\n";
            Api.Reply r = api().send("POST", "/v1/admin/product-imports", body, "application/x-ndjson", admin());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("accepted").asInt()).isEqualTo(2);
            assertThat(r.json().get("rejected").asInt()).isEqualTo(3);
            assertThat(r.json().get("errors").findValuesAsText("line")).containsExactly("2", "4", "6");
            String id = r.json().get("created_ids").get(0).asText();
            assertThat(api().get("/v1/products/" + id).status()).isEqualTo(200);
        }

        @Test
        void csv_withQuotedFields_andLargerThanTheNormalBodyLimit() {
            StringBuilder csv = new StringBuilder("title,slug,sku,currency,amount,stock_on_hand,attributes,tags,status\n");
            csv.append("\"Mug, large\",").append(unique("mug")).append(',').append(unique("MUG")).append(",USD,1500,3,colour=red|size=L,kitchen,active\n");
            csv.append("Broken price,").append(unique("bp")).append(',').append(unique("BP")).append(",USD,abc,1,,,active\n");
            String padding = "x".repeat(200);
            for (int i = 0; i < 100; i++) {
                csv.append("\"Bulk ").append(i).append(' ').append(padding).append("\",").append(unique("bulk")).append(',')
                        .append(unique("BULK")).append(",USD,").append(100 + i).append(",1,,,draft\n");
            }
            assertThat(csv.length()).isGreaterThan(16 * 1024);
            Api.Reply r = api().send("POST", "/v1/admin/product-imports", csv.toString(), "text/csv", admin());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("accepted").asInt()).isEqualTo(101);
            assertThat(r.json().get("errors").get(0).get("line").asInt()).isEqualTo(3);
            assertThat(r.json().get("errors").get(0).get("errors").get(0).get("field").asText()).isEqualTo("amount");
        }
    }
}
