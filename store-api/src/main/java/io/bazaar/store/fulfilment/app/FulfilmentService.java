package io.bazaar.store.fulfilment.app;

import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.error.FieldError;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.outbox.Outbox;
import io.bazaar.store.fulfilment.domain.CarrierSignature;
import io.bazaar.store.fulfilment.domain.FulfilmentEvents;
import io.bazaar.store.fulfilment.persistence.ShipmentDao;
import io.bazaar.store.fulfilment.persistence.ShipmentDao.LineProgressRow;
import io.bazaar.store.fulfilment.persistence.ShipmentDao.ShipmentLineRow;
import io.bazaar.store.fulfilment.persistence.ShipmentDao.ShipmentRow;
import io.bazaar.store.order.app.OrderService;
import io.bazaar.store.order.app.OrderService.Actor;
import io.bazaar.store.order.app.OrderService.AfterSalesLine;
import io.bazaar.store.order.app.OrderService.AfterSalesOrder;
import io.bazaar.store.order.app.OrderViews;
import io.bazaar.store.order.domain.FulfilmentStatus;
import io.bazaar.store.order.domain.OrderStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Shipments of paid orders and their delivery. Every change locks the order row first, so two staff
 * members shipping the same line at once cannot ship more than was ordered; the order's fulfilment
 * state is recomputed from its shipments in the same transaction.
 */
public final class FulfilmentService implements OrderViews.ShipmentViews {
    private final Jdbi jdbi;
    private final Clock clock;
    private final Outbox outbox;
    private final OrderService orders;
    private final CarrierSignature signature;

    public FulfilmentService(Jdbi jdbi, Clock clock, Outbox outbox, OrderService orders, CarrierSignature signature) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.outbox = outbox;
        this.orders = orders;
        this.signature = signature;
    }

    public record ShipLine(UUID orderLineId, int quantity) {
    }

    /** Lines empty: everything not yet shipped. */
    public record ShipCommand(UUID orderId, String carrier, String trackingNumber, String trackingUrl,
                              List<ShipLine> lines) {
    }

    /** What a line has been through, for returns. */
    public record LineDelivery(UUID orderLineId, int shipped, int delivered, Instant lastDeliveredAt) {
    }

    public record CarrierUpdate(String carrier, String trackingNumber, String event) {
    }

    public OrderViews.ShipmentView ship(UUID staffId, ShipCommand cmd) {
        UUID shipmentId = jdbi.inTransaction(h -> {
            AfterSalesOrder o = orders.lockForAfterSales(h, cmd.orderId());
            requireShippable(o);
            Map<UUID, Integer> shipped = new HashMap<>();
            ShipmentDao dao = h.attach(ShipmentDao.class);
            dao.progress(o.id()).forEach(p -> shipped.put(p.orderLineId(), p.shipped()));
            Map<UUID, Integer> wanted = new LinkedHashMap<>();
            if (cmd.lines() == null || cmd.lines().isEmpty()) {
                for (AfterSalesLine l : o.lines()) {
                    int left = l.quantity() - shipped.getOrDefault(l.id(), 0);
                    if (left > 0) {
                        wanted.put(l.id(), left);
                    }
                }
                if (wanted.isEmpty()) {
                    throw new ApiException(ErrorCode.QUANTITY_UNAVAILABLE, "Every line of this order has shipped");
                }
            } else {
                for (int i = 0; i < cmd.lines().size(); i++) {
                    ShipLine s = cmd.lines().get(i);
                    AfterSalesLine l = o.line(s.orderLineId());
                    if (l == null) {
                        throw ApiException.validation("lines[" + i + "].order_line_id", "is not a line of this order");
                    }
                    int total = wanted.merge(l.id(), s.quantity(), Integer::sum);
                    int left = l.quantity() - shipped.getOrDefault(l.id(), 0);
                    if (total > left) {
                        throw new ApiException(ErrorCode.QUANTITY_UNAVAILABLE, "Line " + l.sku() + " has " + left
                                + " of " + l.quantity() + " units left to ship; asked for " + total,
                                List.of(new FieldError("lines[" + i + "].quantity", "must be at most " + left)));
                    }
                }
            }
            Instant now = clock.instant();
            UUID id = Ids.newId();
            dao.insertShipment(id, o.id(), cmd.carrier().strip(), cmd.trackingNumber().strip(),
                    cmd.trackingUrl() == null || cmd.trackingUrl().isBlank() ? null : cmd.trackingUrl().strip(),
                    staffId, now);
            dao.insertLines(wanted.entrySet().stream().map(e -> new ShipmentLineRow(id, e.getKey(), e.getValue()))
                    .toList());
            FulfilmentStatus status = recompute(h, o, Actor.staff(staffId), "shipment " + cmd.trackingNumber().strip());
            outbox.append(h, FulfilmentEvents.SHIPPED, "order", o.id().toString(), new FulfilmentEvents.OrderShipped(
                    o.id(), o.number(), o.customerId(), id, cmd.carrier().strip(), cmd.trackingNumber().strip(),
                    cmd.trackingUrl(), o.currency(), eventLines(o, wanted), status.dbValue(), o.channel(), now));
            return id;
        });
        return shipment(shipmentId);
    }

    /**
     * Ships an exchange's replacement inside the caller's (returns) transaction, which holds the order
     * lock. It is a shipment of the order for tracking and delivery, but it has no order lines, so the
     * order's fulfilment state does not change.
     */
    public UUID shipReplacement(Handle h, AfterSalesOrder o, UUID returnId, UUID staffId, String carrier,
                                String trackingNumber, String trackingUrl,
                                List<FulfilmentEvents.ReplacementLine> lines) {
        Instant now = clock.instant();
        UUID id = Ids.newId();
        String url = trackingUrl == null || trackingUrl.isBlank() ? null : trackingUrl.strip();
        ShipmentDao dao = h.attach(ShipmentDao.class);
        dao.insertReplacementShipment(id, o.id(), returnId, carrier.strip(), trackingNumber.strip(), url, staffId, now);
        dao.insertReplacementLines(lines.stream().map(l -> new ShipmentDao.ReplacementLineRow(id, l.variantId(),
                l.sku(), l.title(), l.quantity())).toList(), now);
        outbox.append(h, FulfilmentEvents.REPLACEMENT_SHIPPED, "order", o.id().toString(),
                new FulfilmentEvents.ReplacementShipment(o.id(), o.number(), o.customerId(), returnId, id,
                        carrier.strip(), trackingNumber.strip(), url, lines, "shipped", null, o.channel(), now));
        return id;
    }

    public OrderViews.ShipmentView markDeliveredByStaff(UUID staffId, UUID shipmentId) {
        jdbi.useTransaction(h -> {
            ShipmentRow s = h.attach(ShipmentDao.class).findById(shipmentId)
                    .orElseThrow(() -> ApiException.notFound("Shipment"));
            if (!deliver(h, s, "staff", Actor.staff(staffId))) {
                throw new ApiException(ErrorCode.ILLEGAL_TRANSITION, "The shipment was already delivered");
            }
        });
        return shipment(shipmentId);
    }

    /**
     * A carrier reports on a parcel. The signature over the raw body is checked before anything is
     * read from it; a bad one changes nothing. A repeated "delivered" is acknowledged without change
     * (carriers retry).
     */
    public OrderViews.ShipmentView carrierCallback(String timestamp, String signatureHeader, byte[] rawBody,
                                                   java.util.function.Function<byte[], CarrierUpdate> parse) {
        if (!signature.verify(timestamp, signatureHeader, rawBody, clock.instant())) {
            throw new ApiException(ErrorCode.INVALID_SIGNATURE, "The carrier callback signature does not verify");
        }
        CarrierUpdate update = parse.apply(rawBody);
        UUID id = jdbi.inTransaction(h -> {
            ShipmentRow s = h.attach(ShipmentDao.class).findByTracking(update.carrier(), update.trackingNumber())
                    .orElseThrow(() -> ApiException.notFound("Shipment"));
            if ("delivered".equals(update.event())) {
                deliver(h, s, "carrier", Actor.system());
            }
            return s.id();
        });
        return shipment(id);
    }

    public OrderViews.ShipmentView shipment(UUID shipmentId) {
        return jdbi.withHandle(h -> {
            ShipmentRow s = h.attach(ShipmentDao.class).findById(shipmentId)
                    .orElseThrow(() -> ApiException.notFound("Shipment"));
            return forOrder(h, s.orderId()).stream().filter(v -> v.id().equals(shipmentId)).findFirst().orElseThrow();
        });
    }

    public List<OrderViews.ShipmentView> forOrder(UUID orderId) {
        return jdbi.withHandle(h -> {
            orders.findForAfterSales(h, orderId).orElseThrow(() -> ApiException.notFound("Order"));
            return forOrder(h, orderId);
        });
    }

    @Override
    public List<OrderViews.ShipmentView> forOrder(Handle h, UUID orderId) {
        ShipmentDao dao = h.attach(ShipmentDao.class);
        AfterSalesOrder o = orders.findForAfterSales(h, orderId).orElse(null);
        if (o == null) {
            return List.of();
        }
        Map<UUID, List<OrderViews.ShipmentLineView>> lines = new HashMap<>();
        for (ShipmentLineRow l : dao.linesForOrder(orderId)) {
            AfterSalesLine ol = o.line(l.orderLineId());
            lines.computeIfAbsent(l.shipmentId(), k -> new ArrayList<>()).add(new OrderViews.ShipmentLineView(
                    l.orderLineId(), ol.sku(), ol.title(), l.quantity()));
        }
        for (ShipmentDao.ReplacementLineRow l : dao.replacementLinesForOrder(orderId)) {
            lines.computeIfAbsent(l.shipmentId(), k -> new ArrayList<>()).add(new OrderViews.ShipmentLineView(
                    null, l.sku(), l.title(), l.quantity()));
        }
        return dao.listForOrder(orderId).stream().map(s -> new OrderViews.ShipmentView(s.id(), s.status(), s.carrier(),
                s.trackingNumber(), s.trackingUrl(), lines.getOrDefault(s.id(), List.of()), s.shippedAt(),
                s.deliveredAt(), s.returnId())).toList();
    }

    /** Reviews (issue #7): the order through which a customer first received a product, and when. */
    public record Received(UUID orderId, Instant deliveredAt) {
    }

    /** Empty unless a delivered shipment of one of the customer's orders held a variant of the product. */
    public java.util.Optional<Received> firstReceived(Handle h, UUID customerId, UUID productId) {
        return h.attach(ShipmentDao.class).firstReceived(customerId, productId)
                .map(r -> new Received(r.orderId(), r.deliveredAt()));
    }

    /** Per line of the order: shipped and delivered units (lines never shipped are absent). */
    public List<LineDelivery> deliveries(Handle h, UUID orderId) {
        return h.attach(ShipmentDao.class).progress(orderId).stream().map(p -> new LineDelivery(p.orderLineId(),
                p.shipped(), p.delivered(), p.lastDeliveredAt())).toList();
    }

    private boolean deliver(Handle h, ShipmentRow s, String via, Actor actor) {
        AfterSalesOrder o = orders.lockForAfterSales(h, s.orderId());
        Instant now = clock.instant();
        if (h.attach(ShipmentDao.class).markDelivered(s.id(), via, now) != 1) {
            return false;
        }
        if (s.returnId() != null) {
            List<FulfilmentEvents.ReplacementLine> replaced = h.attach(ShipmentDao.class)
                    .replacementLinesForOrder(o.id()).stream().filter(l -> l.shipmentId().equals(s.id()))
                    .map(l -> new FulfilmentEvents.ReplacementLine(l.variantId(), l.sku(), l.title(), l.quantity()))
                    .toList();
            outbox.append(h, FulfilmentEvents.REPLACEMENT_DELIVERED, "order", o.id().toString(),
                    new FulfilmentEvents.ReplacementShipment(o.id(), o.number(), o.customerId(), s.returnId(), s.id(),
                            s.carrier(), s.trackingNumber(), s.trackingUrl(), replaced, "delivered", via, o.channel(),
                            now));
            return true;
        }
        FulfilmentStatus status = recompute(h, o, actor, "shipment " + s.trackingNumber() + " delivered (" + via + ")");
        Map<UUID, Integer> lines = new LinkedHashMap<>();
        h.attach(ShipmentDao.class).linesForOrder(o.id()).stream().filter(l -> l.shipmentId().equals(s.id()))
                .forEach(l -> lines.put(l.orderLineId(), l.quantity()));
        outbox.append(h, FulfilmentEvents.DELIVERED, "order", o.id().toString(), new FulfilmentEvents.OrderDelivered(
                o.id(), o.number(), o.customerId(), s.id(), o.currency(), eventLines(o, lines), status.dbValue(), via,
                o.channel(), now));
        return true;
    }

    private FulfilmentStatus recompute(Handle h, AfterSalesOrder o, Actor actor, String reason) {
        Map<UUID, LineProgressRow> progress = new HashMap<>();
        h.attach(ShipmentDao.class).progress(o.id()).forEach(p -> progress.put(p.orderLineId(), p));
        FulfilmentStatus status = FulfilmentStatus.of(o.lines().stream().map(l -> {
            LineProgressRow p = progress.get(l.id());
            return new FulfilmentStatus.LineProgress(l.quantity(), p == null ? 0 : p.shipped(),
                    p == null ? 0 : p.delivered());
        }).toList());
        orders.updateFulfilment(h, o.id(), status, actor, reason);
        return status;
    }

    private static void requireShippable(AfterSalesOrder o) {
        if (o.status() == OrderStatus.PENDING_PAYMENT || o.status() == OrderStatus.CANCELLED
                || !("succeeded".equals(o.paymentStatus()))) {
            throw new ApiException(ErrorCode.ORDER_NOT_PAID, "Order " + o.number() + " is " + o.status().dbValue()
                    + "; only paid orders are shipped");
        }
    }

    private static List<FulfilmentEvents.Line> eventLines(AfterSalesOrder o, Map<UUID, Integer> quantities) {
        return quantities.entrySet().stream().map(e -> {
            AfterSalesLine l = o.line(e.getKey());
            return new FulfilmentEvents.Line(l.id(), l.variantId(), l.sku(), l.title(), e.getValue(), l.unitPrice());
        }).toList();
    }
}
