package io.bazaar.shared.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MoneyTest {
    @Test
    void decimals_followTheCurrency_0_2_3() {
        assertThat(Money.of(125000, "JPY").decimals()).isZero();
        assertThat(Money.of(1250000, "IRR").decimals()).isZero();
        assertThat(Money.of(1999, "USD").decimals()).isEqualTo(2);
        assertThat(Money.of(1250, "KWD").decimals()).isEqualTo(3);
    }

    @Test
    void allocate_partsAlwaysSumToTheWhole() {
        Money[] parts = Money.of(1000, "KWD").allocate(1, 1, 1);
        assertThat(Arrays.stream(parts).mapToLong(Money::amount)).containsExactly(334L, 333L, 333L);
    }

    @Test
    void arithmetic_isExact_andRefusesToMixCurrencies() {
        assertThat(Money.of(5, "USD").plus(Money.of(7, "USD")).amount()).isEqualTo(12);
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, "USD").plus(Money.of(1, "USD")))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.of(1, "USD").plus(Money.of(1, "IRR"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(1, "usd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void format_showsTheRightNumberOfDecimals() {
        assertThat(Money.of(1_250_000, "IRR").format()).isEqualTo("1,250,000 IRR");
        assertThat(Money.of(1500, "EUR").format()).isEqualTo("15.00 EUR");
        assertThat(Money.of(12_500, "KWD").format()).isEqualTo("12.500 KWD");
        assertThat(Money.of(-5, "USD").format()).isEqualTo("-0.05 USD");
    }
}
