package io.bazaar.store.promotion.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.bazaar.store.promotion.domain.Promotion.CartLine;
import io.bazaar.store.promotion.domain.Promotion.Ineligibility;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rules that decide whether a promotion applies to a cart. */
class PromotionTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final UUID SHOES = UUID.randomUUID();
    static final UUID FOOTWEAR = UUID.randomUUID();
    static final UUID SHIRT = UUID.randomUUID();

    static Promotion promotion(String currency, Long minSubtotal, Integer minQuantity, Instant startsAt,
                               Instant endsAt, Integer usageLimit, int redemptions, Set<UUID> products,
                               Set<UUID> categories, boolean active) {
        return new Promotion(UUID.randomUUID(), "CODE", "Test", PromotionKind.PERCENTAGE, false, 10, null, currency,
                minSubtotal, minQuantity, startsAt, endsAt, usageLimit, null, redemptions, products, categories,
                active);
    }

    static Promotion simple() {
        return promotion(null, null, null, null, null, null, 0, Set.of(), Set.of(), true);
    }

    static final List<CartLine> CART = List.of(new CartLine(SHOES, Set.of(FOOTWEAR), 20_000, 2),
            new CartLine(SHIRT, Set.of(), 5_000, 1));

    @Nested
    class Window {
        @Test
        void beforeTheStart_isNotStarted_fromTheStart_applies() {
            assertThat(promotion(null, null, null, NOW.plusSeconds(1), null, null, 0, Set.of(), Set.of(), true)
                    .check("EUR", CART, NOW).problem()).isEqualTo(Ineligibility.NOT_STARTED);
            assertThat(promotion(null, null, null, NOW, null, null, 0, Set.of(), Set.of(), true)
                    .check("EUR", CART, NOW).eligible()).isTrue();
        }

        @Test
        void atTheEnd_isExpired() {
            assertThat(promotion(null, null, null, null, NOW, null, 0, Set.of(), Set.of(), true)
                    .check("EUR", CART, NOW).problem()).isEqualTo(Ineligibility.EXPIRED);
            assertThat(promotion(null, null, null, null, NOW.plusSeconds(1), null, 0, Set.of(), Set.of(), true)
                    .check("EUR", CART, NOW).eligible()).isTrue();
        }

        @Test
        void deactivated_isInactive() {
            assertThat(promotion(null, null, null, null, null, null, 0, Set.of(), Set.of(), false)
                    .check("EUR", CART, NOW).problem()).isEqualTo(Ineligibility.INACTIVE);
        }
    }

    @Test
    void usedUp_isExhausted() {
        assertThat(promotion(null, null, null, null, null, 1, 1, Set.of(), Set.of(), true).check("EUR", CART, NOW)
                .problem()).isEqualTo(Ineligibility.EXHAUSTED);
        assertThat(promotion(null, null, null, null, null, 2, 1, Set.of(), Set.of(), true).check("EUR", CART, NOW)
                .eligible()).isTrue();
    }

    @Test
    void anotherCurrency_isNotApplicable() {
        assertThat(promotion("KWD", null, null, null, null, null, 0, Set.of(), Set.of(), true).check("EUR", CART, NOW)
                .problem()).isEqualTo(Ineligibility.NOT_APPLICABLE);
    }

    @Test
    void minimumSubtotal_countsTheWholeCart() {
        assertThat(promotion("EUR", 25_000L, null, null, null, null, 0, Set.of(), Set.of(), true)
                .check("EUR", CART, NOW).eligible()).isTrue();
        Promotion.Eligibility e = promotion("EUR", 25_001L, null, null, null, null, 0, Set.of(), Set.of(), true)
                .check("EUR", CART, NOW);
        assertThat(e.problem()).isEqualTo(Ineligibility.NOT_APPLICABLE);
        assertThat(e.message()).contains("250.01 EUR");
    }

    @Test
    void minimumQuantity_countsEligibleItemsOnly() {
        assertThat(promotion(null, null, 2, null, null, null, 0, Set.of(), Set.of(FOOTWEAR), true)
                .check("EUR", CART, NOW).eligibleLines()).containsExactly(0);
        assertThat(promotion(null, null, 3, null, null, null, 0, Set.of(), Set.of(FOOTWEAR), true)
                .check("EUR", CART, NOW).problem()).isEqualTo(Ineligibility.NOT_APPLICABLE);
        assertThat(promotion(null, null, 3, null, null, null, 0, Set.of(), Set.of(), true)
                .check("EUR", CART, NOW).eligibleLines()).containsExactlyInAnyOrder(0, 1);
    }

    @Nested
    class Applicability {
        @Test
        void noTargets_coversTheWholeCart() {
            assertThat(simple().check("EUR", CART, NOW).eligibleLines()).containsExactlyInAnyOrder(0, 1);
        }

        @Test
        void products_orCategories_coverTheirLines() {
            assertThat(promotion(null, null, null, null, null, null, 0, Set.of(SHIRT), Set.of(), true)
                    .check("EUR", CART, NOW).eligibleLines()).containsExactly(1);
            assertThat(promotion(null, null, null, null, null, null, 0, Set.of(SHIRT), Set.of(FOOTWEAR), true)
                    .check("EUR", CART, NOW).eligibleLines()).containsExactlyInAnyOrder(0, 1);
        }

        @Test
        void nothingCovered_isNotApplicable() {
            assertThat(promotion(null, null, null, null, null, null, 0, Set.of(UUID.randomUUID()), Set.of(), true)
                    .check("EUR", CART, NOW).problem()).isEqualTo(Ineligibility.NOT_APPLICABLE);
        }
    }
}
