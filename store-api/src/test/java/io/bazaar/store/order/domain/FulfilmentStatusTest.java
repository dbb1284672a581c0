package io.bazaar.store.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bazaar.store.order.domain.FulfilmentStatus.LineProgress;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FulfilmentStatusTest {
    @Nested
    class Derivation {
        @Test
        void nothingShipped_isUnfulfilled() {
            assertThat(FulfilmentStatus.of(List.of(new LineProgress(2, 0, 0)))).isEqualTo(FulfilmentStatus.UNFULFILLED);
        }

        @Test
        void someUnitsShipped_isPartiallyShipped_allShipped_isShipped() {
            assertThat(FulfilmentStatus.of(List.of(new LineProgress(2, 2, 0), new LineProgress(1, 0, 0))))
                    .isEqualTo(FulfilmentStatus.PARTIALLY_SHIPPED);
            assertThat(FulfilmentStatus.of(List.of(new LineProgress(2, 2, 0), new LineProgress(1, 1, 0))))
                    .isEqualTo(FulfilmentStatus.SHIPPED);
        }

        @Test
        void anyDelivered_isPartiallyDelivered_untilEveryUnitIs() {
            assertThat(FulfilmentStatus.of(List.of(new LineProgress(2, 2, 2), new LineProgress(1, 0, 0))))
                    .isEqualTo(FulfilmentStatus.PARTIALLY_DELIVERED);
            assertThat(FulfilmentStatus.of(List.of(new LineProgress(2, 2, 2), new LineProgress(1, 1, 1))))
                    .isEqualTo(FulfilmentStatus.DELIVERED);
        }

        @Test
        void impossibleProgress_isAProgrammingError() {
            assertThatThrownBy(() -> new LineProgress(1, 2, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new LineProgress(2, 1, 2)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void everyFulfilmentStepIsALegalOrderTransition() {
        assertThat(OrderStatus.PAID.canBecome(FulfilmentStatus.PARTIALLY_SHIPPED.orderStatus())).isTrue();
        assertThat(OrderStatus.PARTIALLY_SHIPPED.canBecome(FulfilmentStatus.SHIPPED.orderStatus())).isTrue();
        assertThat(OrderStatus.PARTIALLY_SHIPPED.canBecome(FulfilmentStatus.PARTIALLY_DELIVERED.orderStatus())).isTrue();
        assertThat(OrderStatus.SHIPPED.canBecome(FulfilmentStatus.PARTIALLY_DELIVERED.orderStatus())).isTrue();
        assertThat(OrderStatus.PARTIALLY_DELIVERED.canBecome(FulfilmentStatus.DELIVERED.orderStatus())).isTrue();
        assertThat(OrderStatus.PARTIALLY_REFUNDED.followsFulfilment()).isFalse();
    }
}
