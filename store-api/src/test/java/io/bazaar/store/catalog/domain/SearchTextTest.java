package io.bazaar.store.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SearchTextTest {
    @Nested
    class Normalize {
        @Test
        void arabicYehAndKaf_becomePersian() {
            assertThat(SearchText.normalize("كتاب علي")).isEqualTo(SearchText.normalize("کتاب علی"));
        }

        @Test
        void persianAndArabicIndicDigits_becomeAscii() {
            assertThat(SearchText.normalize("۱۲۳ ٤٥٦")).isEqualTo("123 456");
        }

        @Test
        void zeroWidthNonJoiner_joinsTheWord() {
            assertThat(SearchText.normalize("کتاب\u200Cها")).isEqualTo("کتابها");
        }

        @Test
        void accentsCaseAndPunctuation_areFolded() {
            assertThat(SearchText.normalize("Café,  CRÈME-brûlée!")).isEqualTo("cafe creme brulee");
        }

        @Test
        void harakatAndTatweel_areDropped() {
            assertThat(SearchText.normalize("كِتـــاب")).isEqualTo("کتاب");
        }
    }

    @Nested
    class Typos {
        @Test
        void transposition_isOneEdit() {
            assertThat(SearchText.editDistance("iphnoe", "iphone")).isEqualTo(1);
        }

        @Test
        void shortWords_getNoTypoBudget() {
            assertThat(SearchText.typoBudget("tv")).isZero();
            assertThat(SearchText.typoBudget("iphnoe")).isEqualTo(1);
            assertThat(SearchText.typoBudget("headphonse")).isEqualTo(2);
        }

        @Test
        void wordsWithDigits_areNeverCorrected_andStayOutOfTheLexicon() {
            assertThat(SearchText.typoBudget("48213")).isZero();
            assertThat(SearchText.typoBudget("galaxys24ultra")).isZero();
            assertThat(SearchText.lexiconWord("sku12345")).isFalse();
            assertThat(SearchText.lexiconWord("lamp")).isTrue();
            assertThat(SearchText.lexiconWord("tv")).isFalse();
        }
    }

    @Nested
    class Availability_ {
        @Test
        void lowStock_saysHowManyAreLeft() {
            assertThat(Availability.of(0).status()).isEqualTo("out_of_stock");
            assertThat(Availability.of(3).label()).isEqualTo("only 3 left");
            assertThat(Availability.of(50).status()).isEqualTo("in_stock");
            assertThat(Availability.of(50).quantity()).isNull();
        }
    }

    @Nested
    class Reasons {
        @Test
        void eachReason_fixesTheDirection() {
            assertThat(StockReason.RECEIVED.problemWith(-1)).isNotNull();
            assertThat(StockReason.SALE.problemWith(-1)).isNull();
            assertThat(StockReason.CORRECTION.problemWith(-4)).isNull();
            assertThat(StockReason.CORRECTION.problemWith(0)).isNotNull();
        }
    }
}
