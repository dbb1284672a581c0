package io.bazaar.store.cart.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

class EarlyAccessTest {
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final Instant LATER = NOW.plusSeconds(3600);
    static final UUID CUSTOMER = UUID.fromString("0190a000-0000-7000-8000-000000000001");

    /** A loyalty port that only answers early access, counting how often it is asked. */
    static final class CountingPort implements LoyaltyPort {
        final AtomicInteger asked = new AtomicInteger();
        final boolean answer;

        CountingPort(boolean answer) {
            this.answer = answer;
        }

        @Override
        public boolean hasEarlyAccess(Handle h, UUID customerId) {
            asked.incrementAndGet();
            return answer;
        }

        @Override
        public Benefits benefits(Handle h, UUID customerId, String currency) {
            return LoyaltyPort.NONE.benefits(h, customerId, currency);
        }

        @Override
        public PointsQuote quotePoints(String currency, long balance, long base, long requested, boolean max) {
            return LoyaltyPort.NONE.quotePoints(currency, balance, base, requested, max);
        }

        @Override
        public void redeemPoints(Handle h, UUID customerId, UUID orderId, long points, long orderTotal) {
            LoyaltyPort.NONE.redeemPoints(h, customerId, orderId, points, orderTotal);
        }

        @Override
        public void useReferralDiscount(Handle h, UUID customerId, UUID orderId) {
            LoyaltyPort.NONE.useReferralDiscount(h, customerId, orderId);
        }

        @Override
        public void orderCancelled(Handle h, UUID orderId, boolean unpaid) {
        }
    }

    @Test
    void noWindow_orAWindowThatEnded_isOpenToEveryone_withoutAskingTheLoyaltyProgram() {
        CountingPort port = new CountingPort(false);
        EarlyAccess guest = new EarlyAccess(null, null, port, NOW);
        assertThat(guest.mayBuy(null)).isTrue();
        assertThat(guest.mayBuy(NOW.minusSeconds(1))).isTrue();
        // The end is exclusive: at the instant itself the product is open.
        assertThat(guest.mayBuy(NOW)).isTrue();
        assertThat(guest.inWindow(NOW.plusNanos(1))).isTrue();
        assertThat(port.asked).hasValue(0);
    }

    @Test
    void guests_areRefusedInTheWindow_withoutALookup() {
        CountingPort port = new CountingPort(true);
        EarlyAccess guest = new EarlyAccess(null, null, port, NOW);
        assertThat(guest.mayBuy(LATER)).isFalse();
        assertThatThrownBy(() -> guest.check("Drop", LATER, "variant_id", "x"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.EARLY_ACCESS_ONLY);
                    assertThat(e.getMessage()).contains("2026-11-23T11:00:00Z").contains("sign in");
                });
        assertThat(port.asked).hasValue(0);
    }

    @Test
    void aCustomer_isLookedUpOnce_howeverManyLinesAreInTheirWindow() {
        CountingPort yes = new CountingPort(true);
        EarlyAccess member = new EarlyAccess(null, CUSTOMER, yes, NOW);
        for (int i = 0; i < 5; i++) {
            member.check("Drop " + i, LATER, "lines", "x");
        }
        assertThat(yes.asked).hasValue(1);

        CountingPort no = new CountingPort(false);
        EarlyAccess plain = new EarlyAccess(null, CUSTOMER, no, NOW);
        assertThat(plain.mayBuy(LATER)).isFalse();
        assertThat(plain.mayBuy(LATER.plusSeconds(60))).isFalse();
        assertThatThrownBy(() -> plain.check("Drop", LATER, "lines", "x"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("your current tier"));
        assertThat(no.asked).hasValue(1);
    }
}
