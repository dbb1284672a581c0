package io.bazaar.store.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StripeAmountsTest {

    @Test
    void twoDecimalCurrencies_passThrough() {
        assertThat(StripeAmounts.toStripe(1999, "EUR")).isEqualTo(1999);
        assertThat(StripeAmounts.toStripe(1999, "usd")).isEqualTo(1999);
        assertThat(StripeAmounts.fromStripe(1999, "EUR")).isEqualTo(1999);
    }

    @Test
    void zeroDecimalCurrencies_areWholeUnits() {
        assertThat(StripeAmounts.stripeDecimals("JPY")).isZero();
        assertThat(StripeAmounts.toStripe(1500, "JPY")).isEqualTo(1500);
        assertThat(StripeAmounts.toStripe(125000, "KRW")).isEqualTo(125000);
        assertThat(StripeAmounts.fromStripe(1500, "JPY")).isEqualTo(1500);
    }

    @Test
    void mga_isTwoDecimalInIso_butZeroDecimalAtStripe() {
        assertThat(StripeAmounts.toStripe(150000, "MGA")).isEqualTo(1500);
        assertThat(StripeAmounts.fromStripe(1500, "MGA")).isEqualTo(150000);
        assertThatThrownBy(() -> StripeAmounts.toStripe(150050, "MGA"))
                .isInstanceOf(StripeAmounts.NotChargeable.class).hasMessageContaining("whole units");
    }

    @Test
    void isk_isSentAsTwoDecimal() {
        assertThat(StripeAmounts.toStripe(1500, "ISK")).isEqualTo(150000);
        assertThat(StripeAmounts.fromStripe(150000, "ISK")).isEqualTo(1500);
    }

    @Test
    void threeDecimalCurrencies_mustEndInZero_neverRounded() {
        assertThat(StripeAmounts.toStripe(25_000, "KWD")).isEqualTo(25_000);
        assertThat(StripeAmounts.toStripe(12_340, "BHD")).isEqualTo(12_340);
        assertThatThrownBy(() -> StripeAmounts.toStripe(12_345, "KWD"))
                .isInstanceOf(StripeAmounts.NotChargeable.class).hasMessageContaining("12.345 KWD");
    }

    @Test
    void currenciesStripeDoesNotTake_areRefused() {
        assertThatThrownBy(() -> StripeAmounts.toStripe(3_000_000, "IRR"))
                .isInstanceOf(StripeAmounts.NotChargeable.class).hasMessageContaining("IRR");
        assertThatThrownBy(() -> StripeAmounts.toStripe(100, "XAU")).isInstanceOf(StripeAmounts.NotChargeable.class);
    }
}
