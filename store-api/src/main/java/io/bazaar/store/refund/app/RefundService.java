package io.bazaar.store.refund.app;

import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.money.Money;
import io.bazaar.shared.outbox.Outbox;
import io.bazaar.store.order.app.OrderService;
import io.bazaar.store.order.app.OrderService.Actor;
import io.bazaar.store.order.app.OrderService.AfterSalesOrder;
import io.bazaar.store.order.domain.OrderStatus;
import io.bazaar.store.refund.domain.RefundEvents;
import io.bazaar.store.refund.persistence.RefundDao;
import io.bazaar.store.refund.persistence.RefundDao.RefundRow;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refunds through the order's payment provider, in three steps so money is never promised twice:
 * (1) with the order row locked, reserve the amount on the payment by a conditional update
 * ({@code refunded_amount + amount <= amount}) and record a pending refund; (2) ask the provider,
 * outside any transaction; (3) settle: succeeded moves the order to partially_refunded/refunded and
 * writes the event, failed gives the reservation back and stays listed for staff with its reason.
 */
public final class RefundService {
    private static final Logger LOG = LoggerFactory.getLogger(RefundService.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Outbox outbox;
    private final OrderService orders;

    public RefundService(Jdbi jdbi, Clock clock, Outbox outbox, OrderService orders) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.outbox = outbox;
        this.orders = orders;
    }

    /** {@code amount} includes {@code shippingAmount}. */
    public record RefundCommand(UUID orderId, UUID returnId, String kind, long amount, long shippingAmount,
                                List<RefundEvents.Line> lines, String reason, UUID staffId) {
    }

    /** Extra checks and effects of the caller (returns), run inside the reserve and the settle transactions. */
    public interface Hooks {
        Hooks NONE = new Hooks() {
        };

        default void beforeReserve(Handle h, AfterSalesOrder order) {
        }

        default void afterSucceeded(Handle h, UUID refundId) {
        }
    }

    public record RefundView(UUID id, UUID orderId, UUID returnId, String kind, String status, Money amount,
                             Money shippingAmount, String reason, UUID staffId, String failure, Instant createdAt,
                             Instant updatedAt) {
    }

    public RefundView goodwill(UUID staffId, UUID orderId, long amount, String reason) {
        return refund(new RefundCommand(orderId, null, "goodwill", amount, 0, List.of(), reason.strip(), staffId),
                Hooks.NONE);
    }

    public RefundView refund(RefundCommand cmd, Hooks hooks) {
        if (cmd.amount() <= 0) {
            throw ApiException.validation("amount", "must be positive");
        }
        record Reserved(UUID id, AfterSalesOrder order) {
        }
        Reserved reserved = jdbi.inTransaction(h -> {
            AfterSalesOrder o = orders.lockForAfterSales(h, cmd.orderId());
            if (o.status() == OrderStatus.PENDING_PAYMENT || o.status() == OrderStatus.CANCELLED
                    || !("succeeded".equals(o.paymentStatus()) || "refunded".equals(o.paymentStatus()))) {
                throw new ApiException(ErrorCode.ORDER_NOT_PAID, "Order " + o.number() + " is " + o.status().dbValue()
                        + " and has no captured payment to refund");
            }
            hooks.beforeReserve(h, o);
            if (!orders.reserveRefund(h, o.id(), cmd.amount())) {
                long left = o.captured() - o.refunded();
                throw new ApiException(ErrorCode.REFUND_EXCEEDS_CAPTURED, "Refund of " + cmd.amount()
                        + " asked, but only " + Math.max(0, left) + " " + o.currency() + " of the "
                        + o.captured() + " captured is left to refund");
            }
            Instant now = clock.instant();
            UUID id = Ids.newId();
            h.attach(RefundDao.class).insert(new RefundRow(id, o.id(), cmd.returnId(), cmd.kind(), "pending",
                    cmd.amount(), cmd.shippingAmount(), o.currency(), o.paymentProvider(), cmd.reason(),
                    cmd.staffId(), null, now, now));
            return new Reserved(id, o);
        });
        AfterSalesOrder o = reserved.order();
        try {
            orders.paymentProvider(o.paymentProvider()).refund("refund:" + reserved.id(), o.id(),
                    o.providerReference(), cmd.amount(),
                    o.currency());
        } catch (RuntimeException e) {
            LOG.warn("Refund {} of order {} failed at provider {}", reserved.id(), o.number(), o.paymentProvider(), e);
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            jdbi.useTransaction(h -> {
                orders.lockForAfterSales(h, o.id());
                if (h.attach(RefundDao.class).settle(reserved.id(), "failed", why, clock.instant()) == 1) {
                    orders.releaseRefund(h, o.id(), cmd.amount());
                }
            });
            throw new ApiException(ErrorCode.REFUND_FAILED, "The " + o.paymentProvider()
                    + " provider failed the refund; nothing was refunded. Refund id " + reserved.id());
        }
        jdbi.useTransaction(h -> {
            orders.lockForAfterSales(h, o.id());
            Instant now = clock.instant();
            if (h.attach(RefundDao.class).settle(reserved.id(), "succeeded", null, now) != 1) {
                throw new IllegalStateException("refund " + reserved.id() + " was settled twice");
            }
            orders.recordRefunded(h, o.id(), Actor.staff(cmd.staffId()), cmd.kind() + " refund: " + cmd.reason());
            AfterSalesOrder after = orders.findForAfterSales(h, o.id()).orElseThrow();
            hooks.afterSucceeded(h, reserved.id());
            outbox.append(h, RefundEvents.REFUNDED, "order", o.id().toString(), new RefundEvents.OrderRefunded(
                    reserved.id(), o.id(), o.number(), o.customerId(), cmd.returnId(), cmd.kind(), cmd.amount(),
                    cmd.shippingAmount(), o.currency(), cmd.lines(), cmd.reason(), o.paymentProvider(), cmd.staffId(),
                    after.refunded(), o.channel(), now));
        });
        return get(reserved.id());
    }

    public RefundView get(UUID refundId) {
        return jdbi.withExtension(RefundDao.class, dao -> dao.findById(refundId).map(RefundService::view)
                .orElseThrow(() -> ApiException.notFound("Refund")));
    }

    /** The currency of an order the store knows; empty for an unknown order. */
    public java.util.Optional<String> orderCurrency(UUID orderId) {
        return jdbi.withHandle(h -> orders.findForAfterSales(h, orderId).map(AfterSalesOrder::currency));
    }

    /** Every refund of the order, failed ones included (staff see why). */
    public List<RefundView> forOrder(UUID orderId) {
        return jdbi.withHandle(h -> {
            orders.findForAfterSales(h, orderId).orElseThrow(() -> ApiException.notFound("Order"));
            return h.attach(RefundDao.class).listForOrder(orderId).stream().map(RefundService::view).toList();
        });
    }

    /** Whether a return already has a refund that did not fail (inside the caller's transaction). */
    public boolean returnRefunded(Handle h, UUID returnId) {
        return h.attach(RefundDao.class).activeForReturn(returnId) > 0;
    }

    private static RefundView view(RefundRow r) {
        return new RefundView(r.id(), r.orderId(), r.returnId(), r.kind(), r.status(), Money.of(r.amount(),
                r.currency()), Money.of(r.shippingAmount(), r.currency()), r.reason(), r.staffId(), r.failure(),
                r.createdAt(), r.updatedAt());
    }
}
