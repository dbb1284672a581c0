package io.bazaar.store.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderStatusTest {
    @Test
    void theHappyPathIsAllowed() {
        assertThat(OrderStatus.PENDING_PAYMENT.canBecome(OrderStatus.PAID)).isTrue();
        assertThat(OrderStatus.PAID.canBecome(OrderStatus.SHIPPED)).isTrue();
        assertThat(OrderStatus.SHIPPED.canBecome(OrderStatus.DELIVERED)).isTrue();
        assertThat(OrderStatus.DELIVERED.canBecome(OrderStatus.COMPLETED)).isTrue();
    }

    @Test
    void illegalJumpsAreRefused() {
        assertThat(OrderStatus.PENDING_PAYMENT.canBecome(OrderStatus.SHIPPED)).isFalse();
        assertThat(OrderStatus.CANCELLED.canBecome(OrderStatus.PAID)).isFalse();
        assertThat(OrderStatus.SHIPPED.canBecome(OrderStatus.CANCELLED)).isFalse();
        assertThat(OrderStatus.REFUNDED.canBecome(OrderStatus.PAID)).isFalse();
    }

    @Test
    void customersMayCancelOnlyBeforeShipment() {
        assertThat(OrderStatus.PENDING_PAYMENT.cancellableByCustomer()).isTrue();
        assertThat(OrderStatus.PAID.cancellableByCustomer()).isTrue();
        assertThat(OrderStatus.SHIPPED.cancellableByCustomer()).isFalse();
    }
}
