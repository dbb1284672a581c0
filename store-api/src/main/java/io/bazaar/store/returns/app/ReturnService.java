package io.bazaar.store.returns.app;

import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.error.FieldError;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.money.Money;
import io.bazaar.shared.outbox.Outbox;
import io.bazaar.store.catalog.app.InventoryService;
import io.bazaar.store.catalog.domain.StockReason;
import io.bazaar.store.fulfilment.app.FulfilmentService;
import io.bazaar.store.fulfilment.domain.FulfilmentEvents;
import io.bazaar.store.order.app.OrderService;
import io.bazaar.store.order.app.OrderService.Actor;
import io.bazaar.store.order.app.OrderService.AfterSalesLine;
import io.bazaar.store.order.app.OrderService.AfterSalesOrder;
import io.bazaar.store.refund.app.RefundService;
import io.bazaar.store.refund.domain.RefundEvents;
import io.bazaar.store.returns.domain.ReturnEvents;
import io.bazaar.store.returns.domain.ReturnStatus;
import io.bazaar.store.returns.persistence.ReturnDao;
import io.bazaar.store.returns.persistence.ReturnDao.LineRow;
import io.bazaar.store.returns.persistence.ReturnDao.ReturnRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Returns (RMA) and exchanges. Every change locks the order row first (the same lock shipments and
 * refunds take), so two return requests for the same units cannot both pass the quantity check.
 *
 * <p>Received units: restocked ones go back with a {@code return} movement; damaged ones are recorded
 * as a {@code return} movement immediately followed by a {@code damaged} write-off, so the ledger
 * shows they came back and were written off, and stock on hand is unchanged by them.
 */
public final class ReturnService {
    private final Jdbi jdbi;
    private final Clock clock;
    private final Outbox outbox;
    private final OrderService orders;
    private final FulfilmentService fulfilment;
    private final RefundService refunds;
    private final InventoryService inventory;
    private final Duration window;

    public ReturnService(Jdbi jdbi, Clock clock, Outbox outbox, OrderService orders, FulfilmentService fulfilment,
                         RefundService refunds, InventoryService inventory, Duration window) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.outbox = outbox;
        this.orders = orders;
        this.fulfilment = fulfilment;
        this.refunds = refunds;
        this.inventory = inventory;
        this.window = window;
    }

    public record RequestLine(UUID orderLineId, int quantity, UUID replacementVariantId) {
    }

    public record RequestCommand(UUID orderId, List<RequestLine> lines, String reasonCode, String comment,
                                 String channel) {
    }

    public record ReceiptLine(UUID orderLineId, int restocked, int damaged) {
    }

    public record ReturnLineView(UUID orderLineId, String sku, String title, int quantity, Money amount,
                                 int restocked, int damaged, UUID replacementVariantId, Money replacementUnitPrice) {
    }

    public record ReturnTransition(String from, String to, String actorType, UUID actorId, String reason, Instant at) {
    }

    /** What a dearer replacement costs on top: pending until staff mark it received. */
    public record ExtraPaymentView(String status, Money amount, String provider, Instant paidAt, String reference) {
    }

    public record ReturnView(UUID id, String number, UUID orderId, String status, String resolution, String reasonCode,
                             String comment, String staffMessage, List<ReturnLineView> lines, Money amount,
                             Money priceDifference, ExtraPaymentView extraPayment, UUID replacementShipmentId,
                             Instant createdAt, Instant updatedAt, List<ReturnTransition> history) {
    }

    // ---- customer ----

    public ReturnView request(UUID customerId, RequestCommand cmd) {
        UUID id = jdbi.inTransaction(h -> {
            AfterSalesOrder owned = orders.findForAfterSales(h, cmd.orderId())
                    .filter(x -> customerId.equals(x.customerId()))
                    .orElseThrow(() -> ApiException.notFound("Order"));
            return request(h, owned.id(), Actor.customer(customerId), cmd);
        });
        return getForCustomer(customerId, id);
    }

    /** A guest asks with the order access token sent at checkout; a wrong token answers 404 like an unknown order. */
    public ReturnView requestAsGuest(String accessToken, RequestCommand cmd) {
        UUID id = jdbi.inTransaction(h -> request(h, orders.requireGuestAccess(h, cmd.orderId(), accessToken),
                Actor.guest(), cmd));
        return jdbi.withHandle(h -> view(h, h.attach(ReturnDao.class).findById(id).orElseThrow(), false));
    }

    public List<ReturnView> listForGuest(UUID orderId, String accessToken) {
        return jdbi.withHandle(h -> {
            UUID order = orders.requireGuestAccess(h, orderId, accessToken);
            return views(h, h.attach(ReturnDao.class).search(null, order, 200), false);
        });
    }

    public ReturnView getForGuest(UUID orderId, String accessToken, UUID returnId) {
        return jdbi.withHandle(h -> {
            UUID order = orders.requireGuestAccess(h, orderId, accessToken);
            ReturnRow r = h.attach(ReturnDao.class).findById(returnId).filter(x -> order.equals(x.orderId()))
                    .orElseThrow(() -> ApiException.notFound("Return"));
            return view(h, r, false);
        });
    }

    private UUID request(Handle h, UUID orderId, Actor actor, RequestCommand cmd) {
        {
            AfterSalesOrder o = orders.lockForAfterSales(h, orderId);
            Map<UUID, FulfilmentService.LineDelivery> delivered = new HashMap<>();
            fulfilment.deliveries(h, o.id()).forEach(d -> delivered.put(d.orderLineId(), d));
            Map<UUID, Integer> returned = new HashMap<>();
            h.attach(ReturnDao.class).returnedPerLine(o.id()).forEach(r -> returned.put(r.orderLineId(), r.quantity()));
            Instant now = clock.instant();
            boolean exchange = cmd.lines().get(0).replacementVariantId() != null;
            Set<UUID> seen = new HashSet<>();
            List<LineRow> rows = new ArrayList<>();
            UUID returnId = Ids.newId();
            long value = 0;
            long replacementValue = 0;
            for (int i = 0; i < cmd.lines().size(); i++) {
                RequestLine r = cmd.lines().get(i);
                String field = "lines[" + i + "]";
                AfterSalesLine l = o.line(r.orderLineId());
                FulfilmentService.LineDelivery d = l == null ? null : delivered.get(l.id());
                if (l == null || d == null || d.delivered() == 0) {
                    throw new ApiException(ErrorCode.LINE_NOT_RETURNABLE, l == null ? "The line is not on this order"
                            : "Line " + l.sku() + " has not been delivered yet",
                            List.of(new FieldError(field + ".order_line_id", "has no delivered units")));
                }
                if (!seen.add(l.id())) {
                    throw ApiException.validation(field + ".order_line_id", "is listed twice");
                }
                if ((r.replacementVariantId() != null) != exchange) {
                    throw ApiException.validation(field + ".replacement_variant_id",
                            "a return is either all refund or all exchange");
                }
                if (now.isAfter(d.lastDeliveredAt().plus(window))) {
                    throw new ApiException(ErrorCode.RETURN_WINDOW_CLOSED, "Line " + l.sku() + " was delivered on "
                            + d.lastDeliveredAt() + "; returns are accepted for " + window.toDays()
                            + " days after delivery", List.of(new FieldError(field + ".order_line_id",
                            "return window closed")));
                }
                int left = d.delivered() - returned.getOrDefault(l.id(), 0);
                if (r.quantity() > left) {
                    throw new ApiException(ErrorCode.QUANTITY_UNAVAILABLE, "Line " + l.sku() + " has " + left
                            + " delivered unit(s) not yet returned; asked for " + r.quantity(),
                            List.of(new FieldError(field + ".quantity", "must be at most " + left)));
                }
                Long replacementPrice = null;
                if (exchange) {
                    replacementPrice = inventory.sellable(h, r.replacementVariantId(), o.currency())
                            .orElseThrow(() -> ApiException.validation(field + ".replacement_variant_id",
                                    "is not a variant for sale in " + o.currency()))
                            .unitPrice();
                    replacementValue = Math.addExact(replacementValue, Math.multiplyExact(replacementPrice, r.quantity()));
                }
                value = Math.addExact(value, valueOf(l, r.quantity()));
                rows.add(new LineRow(returnId, l.id(), r.quantity(), r.replacementVariantId(), replacementPrice, 0, 0));
            }
            ReturnDao dao = h.attach(ReturnDao.class);
            dao.insert(new ReturnRow(returnId, "RMA-" + dao.nextNumber(), o.id(), o.customerId(), "requested",
                    exchange ? "exchange" : "refund", cmd.reasonCode(), blankToNull(cmd.comment()), null,
                    exchange ? replacementValue - value : 0, 1, now, now));
            dao.insertLines(rows);
            dao.insertHistory(Ids.newId(), returnId, null, "requested", actor.type(), actor.id(), cmd.reasonCode(), now);
            event(h, ReturnEvents.REQUESTED, returnId, o, blankToNull(cmd.comment()), actor, now);
            return returnId;
        }
    }

    public ReturnView getForCustomer(UUID customerId, UUID returnId) {
        return jdbi.withHandle(h -> {
            ReturnRow r = h.attach(ReturnDao.class).findById(returnId).filter(x -> customerId.equals(x.customerId()))
                    .orElseThrow(() -> ApiException.notFound("Return"));
            return view(h, r, false);
        });
    }

    public List<ReturnView> listForCustomer(UUID customerId, int limit) {
        return jdbi.withHandle(h -> views(h, h.attach(ReturnDao.class).listForCustomer(customerId, limit), false));
    }

    /** Erasure (inside the caller's transaction): the customer's own words go; quantities and amounts stay. */
    public void erasePersonalData(Handle h, UUID customerId) {
        h.attach(ReturnDao.class).eraseComments(customerId);
    }

    // ---- staff ----

    public ReturnView getForStaff(UUID returnId) {
        return jdbi.withHandle(h -> view(h, h.attach(ReturnDao.class).findById(returnId)
                .orElseThrow(() -> ApiException.notFound("Return")), true));
    }

    public List<ReturnView> search(String status, UUID orderId, int limit) {
        return jdbi.withHandle(h -> views(h, h.attach(ReturnDao.class).search(status, orderId, limit), true));
    }

    /** Approves; an exchange reserves its replacements now and records the extra payment a dearer one needs. */
    public ReturnView approve(UUID staffId, UUID returnId, String message) {
        change(returnId, (h, o, r) -> {
            Instant now = clock.instant();
            transition(h, r, ReturnStatus.APPROVED, Actor.staff(staffId), message, now);
            event(h, ReturnEvents.APPROVED, r.id(), o, message, Actor.staff(staffId), now);
            if ("exchange".equals(r.resolution())) {
                ReturnDao dao = h.attach(ReturnDao.class);
                Map<UUID, Integer> byVariant = new java.util.TreeMap<>();
                dao.lines(r.id()).forEach(l -> byVariant.merge(l.replacementVariantId(), l.quantity(), Integer::sum));
                for (Map.Entry<UUID, Integer> e : byVariant.entrySet()) {
                    if (inventory.take(h, e.getKey(), e.getValue(), StockReason.RESERVED, "exchange " + r.number(),
                            now).isEmpty()) {
                        throw new ApiException(ErrorCode.OUT_OF_STOCK, "The replacement is out of stock; the return "
                                + "stays requested (reject it, or approve once stock arrives)");
                    }
                    dao.insertReservation(r.id(), e.getKey(), e.getValue(), now);
                }
                if (r.priceDifference() > 0) {
                    dao.insertExtraPayment(Ids.newId(), o.id(), r.id(), o.paymentProvider(), r.priceDifference(),
                            o.currency(), now);
                }
                event(h, ReturnEvents.EXCHANGE_CREATED, r.id(), o, message, Actor.staff(staffId), now);
            }
        });
        return getForStaff(returnId);
    }

    public ReturnView reject(UUID staffId, UUID returnId, String message) {
        change(returnId, (h, o, r) -> {
            Instant now = clock.instant();
            transition(h, r, ReturnStatus.REJECTED, Actor.staff(staffId), message, now);
            event(h, ReturnEvents.REJECTED, r.id(), o, message, Actor.staff(staffId), now);
        });
        return getForStaff(returnId);
    }

    /**
     * Staff record that the extra payment of a dearer replacement arrived (bank transfer, cash, a
     * payment link): once, whatever retries or races happen.
     */
    public ReturnView markExtraPaymentReceived(UUID staffId, UUID returnId, String reference) {
        change(returnId, (h, o, r) -> {
            ReturnDao dao = h.attach(ReturnDao.class);
            ReturnDao.ExtraPaymentRow extra = dao.extraPayment(r.id()).orElseThrow(() -> new ApiException(
                    ErrorCode.ILLEGAL_TRANSITION, "Return " + r.number() + " has no extra payment to collect"));
            Instant now = clock.instant();
            if (dao.markExtraPaymentPaid(r.id(), staffId, blankToNull(reference), now) != 1) {
                throw new ApiException(ErrorCode.ILLEGAL_TRANSITION, "The extra payment of return " + r.number()
                        + " was already received");
            }
            String note = "extra payment " + Money.of(extra.amount(), extra.currency()).format() + " received";
            dao.insertHistory(Ids.newId(), r.id(), r.status(), r.status(), "staff", staffId, note, now);
            event(h, ReturnEvents.EXTRA_PAYMENT_RECEIVED, r.id(), o, note, Actor.staff(staffId), now);
        });
        return getForStaff(returnId);
    }

    /**
     * Ships an exchange's replacement, which approval reserved: after approval (staff may send it before the
     * goods come back), and only once a dearer replacement's extra payment was received. The reservation is
     * consumed; the stock already moved when it was reserved.
     */
    public ReturnView shipReplacement(UUID staffId, UUID returnId, String carrier, String trackingNumber,
                                      String trackingUrl) {
        change(returnId, (h, o, r) -> {
            ReturnDao dao = h.attach(ReturnDao.class);
            ReturnStatus status = ReturnStatus.fromDb(r.status());
            if (!"exchange".equals(r.resolution()) || status == ReturnStatus.REQUESTED
                    || status == ReturnStatus.REJECTED) {
                throw new ApiException(ErrorCode.ILLEGAL_TRANSITION, "Return " + r.number() + " is a " + r.resolution()
                        + " that is " + r.status() + "; only approved exchanges ship a replacement");
            }
            if (dao.replacementShipment(r.id()).isPresent()) {
                throw new ApiException(ErrorCode.ILLEGAL_TRANSITION, "The replacement of return " + r.number()
                        + " has already shipped");
            }
            if (dao.extraPayment(r.id()).filter(e -> !"succeeded".equals(e.status())).isPresent()) {
                throw new ApiException(ErrorCode.EXTRA_PAYMENT_PENDING, "The replacement costs "
                        + Money.of(r.priceDifference(), o.currency()).format() + " more; mark the extra payment "
                        + "received first");
            }
            List<FulfilmentEvents.ReplacementLine> lines = new ArrayList<>();
            for (ReturnDao.ReservationRow res : dao.reservations(r.id())) {
                InventoryService.SellableVariant v = inventory.describe(h, res.variantId()).orElseThrow();
                lines.add(new FulfilmentEvents.ReplacementLine(v.variantId(), v.sku(), v.title(), res.quantity()));
            }
            if (lines.isEmpty() || dao.consumeReservations(r.id()) != lines.size()) {
                throw new IllegalStateException("exchange " + r.number() + " has no reserved replacement");
            }
            UUID shipment = fulfilment.shipReplacement(h, o, r.id(), staffId, carrier, trackingNumber, trackingUrl,
                    lines);
            dao.insertHistory(Ids.newId(), r.id(), r.status(), r.status(), "staff", staffId,
                    "replacement shipped (shipment " + shipment + ")", clock.instant());
        });
        return getForStaff(returnId);
    }

    /** Every unit of the return must be accounted for as restocked or damaged. */
    public ReturnView receive(UUID staffId, UUID returnId, List<ReceiptLine> receipt) {
        change(returnId, (h, o, r) -> {
            ReturnDao dao = h.attach(ReturnDao.class);
            Instant now = clock.instant();
            transition(h, r, ReturnStatus.RECEIVED, Actor.staff(staffId), "goods received", now);
            Map<UUID, ReceiptLine> given = new HashMap<>();
            for (int i = 0; i < receipt.size(); i++) {
                ReceiptLine g = receipt.get(i);
                if (given.put(g.orderLineId(), g) != null) {
                    throw ApiException.validation("lines[" + i + "].order_line_id", "is listed twice");
                }
            }
            List<LineRow> lines = dao.lines(r.id());
            for (LineRow l : lines) {
                ReceiptLine g = given.remove(l.orderLineId());
                if (g == null || g.restocked() + g.damaged() != l.quantity()) {
                    throw ApiException.validation("lines", "every returned line must be listed with restocked + damaged"
                            + " = its quantity (" + l.quantity() + " for line " + l.orderLineId() + ")");
                }
                AfterSalesLine ol = o.line(l.orderLineId());
                String note = "return " + r.number() + " of order " + o.number();
                if (l.quantity() > 0) {
                    inventory.give(h, ol.variantId(), l.quantity(), StockReason.RETURN, note, now);
                }
                if (g.damaged() > 0 && inventory.take(h, ol.variantId(), g.damaged(), StockReason.DAMAGED,
                        note + ": damaged on arrival", now).isEmpty()) {
                    throw new IllegalStateException("units just returned vanished");
                }
                dao.recordReceipt(r.id(), l.orderLineId(), g.restocked(), g.damaged());
            }
            if (!given.isEmpty()) {
                throw ApiException.validation("lines", "lists a line that is not part of this return");
            }
            event(h, ReturnEvents.RECEIVED, r.id(), o, null, Actor.staff(staffId), now);
            if ("exchange".equals(r.resolution()) && r.priceDifference() >= 0) {
                ReturnRow received = dao.findById(r.id()).orElseThrow();
                transition(h, received, ReturnStatus.EXCHANGED, Actor.staff(staffId), "replacement due", now);
            }
        });
        return getForStaff(returnId);
    }

    /**
     * Refunds a received return: the paid value of its lines (plus the order's shipping when asked),
     * or for an exchange with a cheaper replacement, the difference.
     */
    public RefundService.RefundView refund(UUID staffId, UUID returnId, boolean includeShipping) {
        record Plan(UUID orderId, long amount, long shipping, String kind, List<RefundEvents.Line> lines,
                    String reason) {
        }
        Plan plan = jdbi.withHandle(h -> {
            ReturnRow r = h.attach(ReturnDao.class).findById(returnId).orElseThrow(() -> ApiException.notFound("Return"));
            AfterSalesOrder o = orders.findForAfterSales(h, r.orderId()).orElseThrow();
            if (ReturnStatus.fromDb(r.status()) != ReturnStatus.RECEIVED) {
                throw new ApiException(ErrorCode.ILLEGAL_TRANSITION, "Return " + r.number() + " is " + r.status()
                        + "; only received returns are refunded");
            }
            List<RefundEvents.Line> lines = new ArrayList<>();
            long value = 0;
            for (LineRow l : h.attach(ReturnDao.class).lines(r.id())) {
                AfterSalesLine ol = o.line(l.orderLineId());
                long amount = valueOf(ol, l.quantity());
                value += amount;
                lines.add(new RefundEvents.Line(ol.id(), ol.variantId(), ol.sku(), ol.title(), l.quantity(), amount));
            }
            if ("exchange".equals(r.resolution())) {
                return new Plan(o.id(), -r.priceDifference(), 0, "exchange", lines, r.reasonCode());
            }
            long shipping = includeShipping ? o.shippingTotal() : 0;
            return new Plan(o.id(), value + shipping, shipping, "return", lines, r.reasonCode());
        });
        if (plan.amount() <= 0) {
            throw new ApiException(ErrorCode.ILLEGAL_TRANSITION, "Nothing to refund for this return");
        }
        return refunds.refund(new RefundService.RefundCommand(plan.orderId(), returnId, plan.kind(), plan.amount(),
                plan.shipping(), plan.lines(), "return: " + plan.reason(), staffId), new RefundService.Hooks() {
            @Override
            public void beforeReserve(Handle h, AfterSalesOrder order) {
                ReturnRow r = h.attach(ReturnDao.class).lock(returnId).orElseThrow();
                if (ReturnStatus.fromDb(r.status()) != ReturnStatus.RECEIVED || refunds.returnRefunded(h, returnId)) {
                    throw new ApiException(ErrorCode.ILLEGAL_TRANSITION, "Return " + r.number()
                            + " is already being refunded or was refunded");
                }
            }

            @Override
            public void afterSucceeded(Handle h, UUID refundId) {
                ReturnRow r = h.attach(ReturnDao.class).lock(returnId).orElseThrow();
                transition(h, r, "exchange".equals(r.resolution()) ? ReturnStatus.EXCHANGED : ReturnStatus.REFUNDED,
                        Actor.staff(staffId), "refund " + refundId, clock.instant());
            }
        });
    }

    // ---- internals ----

    private interface Change {
        void apply(Handle h, AfterSalesOrder order, ReturnRow ret);
    }

    private void change(UUID returnId, Change change) {
        jdbi.useTransaction(h -> {
            UUID orderId = h.attach(ReturnDao.class).orderOf(returnId).orElseThrow(() -> ApiException.notFound("Return"));
            AfterSalesOrder o = orders.lockForAfterSales(h, orderId);
            ReturnRow r = h.attach(ReturnDao.class).lock(returnId).orElseThrow();
            change.apply(h, o, r);
        });
    }

    private void transition(Handle h, ReturnRow r, ReturnStatus to, Actor actor, String reason, Instant now) {
        ReturnStatus from = ReturnStatus.fromDb(r.status());
        if (!from.canBecome(to)) {
            throw new ApiException(ErrorCode.ILLEGAL_TRANSITION, "A return that is " + from.dbValue()
                    + " cannot become " + to.dbValue());
        }
        String message = to == ReturnStatus.APPROVED || to == ReturnStatus.REJECTED ? reason : null;
        if (h.attach(ReturnDao.class).transition(r.id(), from.dbValue(), to.dbValue(), message, now) != 1) {
            throw new ApiException(ErrorCode.CONFLICT, "The return changed meanwhile; reload and retry");
        }
        h.attach(ReturnDao.class).insertHistory(Ids.newId(), r.id(), from.dbValue(), to.dbValue(), actor.type(),
                actor.id(), reason, now);
    }

    private void event(Handle h, String type, UUID returnId, AfterSalesOrder o, String message, Actor actor,
                       Instant now) {
        ReturnDao dao = h.attach(ReturnDao.class);
        ReturnRow r = dao.findById(returnId).orElseThrow();
        long value = 0;
        List<ReturnEvents.Line> lines = new ArrayList<>();
        for (LineRow l : dao.lines(returnId)) {
            AfterSalesLine ol = o.line(l.orderLineId());
            long amount = valueOf(ol, l.quantity());
            value += amount;
            lines.add(new ReturnEvents.Line(ol.id(), ol.variantId(), ol.sku(), ol.title(), l.quantity(), amount,
                    l.restocked(), l.damaged(), l.replacementVariantId(), l.replacementUnitPrice()));
        }
        outbox.append(h, type, "return", returnId.toString(), new ReturnEvents.ReturnChanged(returnId, r.number(),
                o.id(), o.number(), o.customerId(), r.status(), r.resolution(), r.reasonCode(), message, o.currency(),
                value, r.priceDifference(), lines, actor.type(), actor.id(), o.channel(), now));
    }

    private ReturnView view(Handle h, ReturnRow r, boolean forStaff) {
        return views(h, List.of(r), forStaff).get(0);
    }

    /** The returns as their views, in six queries whatever their number (orders, their lines, and four of returns). */
    private List<ReturnView> views(Handle h, List<ReturnRow> rows, boolean forStaff) {
        if (rows.isEmpty()) {
            return List.of();
        }
        ReturnDao dao = h.attach(ReturnDao.class);
        UUID[] ids = rows.stream().map(ReturnRow::id).toArray(UUID[]::new);
        Map<UUID, AfterSalesOrder> ordersById = orders.findForAfterSales(h, rows.stream().map(ReturnRow::orderId).toList());
        Map<UUID, List<LineRow>> linesOf = new HashMap<>();
        dao.linesOf(ids).forEach(l -> linesOf.computeIfAbsent(l.returnId(), k -> new ArrayList<>()).add(l));
        Map<UUID, List<ReturnDao.HistoryRow>> historyOf = new HashMap<>();
        dao.historyOf(ids).forEach(t -> historyOf.computeIfAbsent(t.returnId(), k -> new ArrayList<>()).add(t));
        Map<UUID, ReturnDao.ExtraPaymentRow> extraOf = new HashMap<>();
        dao.extraPaymentsOf(ids).forEach(e -> extraOf.put(e.returnId(), e));
        Map<UUID, UUID> shipmentOf = new HashMap<>();
        dao.replacementShipmentsOf(ids).forEach(s -> shipmentOf.put(s.returnId(), s.id()));
        List<ReturnView> views = new ArrayList<>(rows.size());
        for (ReturnRow r : rows) {
            AfterSalesOrder o = ordersById.get(r.orderId());
            String c = o.currency();
            long value = 0;
            List<ReturnLineView> lines = new ArrayList<>();
            for (LineRow l : linesOf.getOrDefault(r.id(), List.of())) {
                AfterSalesLine ol = o.line(l.orderLineId());
                long amount = valueOf(ol, l.quantity());
                value += amount;
                lines.add(new ReturnLineView(ol.id(), ol.sku(), ol.title(), l.quantity(), Money.of(amount, c),
                        l.restocked(), l.damaged(), l.replacementVariantId(),
                        l.replacementUnitPrice() == null ? null : Money.of(l.replacementUnitPrice(), c)));
            }
            List<ReturnTransition> history = historyOf.getOrDefault(r.id(), List.of()).stream()
                    .map(t -> new ReturnTransition(t.fromStatus(), t.toStatus(), t.actorType(),
                            forStaff ? t.actorId() : null, t.reason(), t.createdAt())).toList();
            ReturnDao.ExtraPaymentRow e = extraOf.get(r.id());
            ExtraPaymentView extra = e == null ? null : new ExtraPaymentView(e.status(), Money.of(e.amount(),
                    e.currency()), e.provider(), e.paidAt(), forStaff ? e.reference() : null);
            views.add(new ReturnView(r.id(), r.number(), r.orderId(), r.status(), r.resolution(), r.reasonCode(),
                    r.comment(), r.staffMessage(), lines, Money.of(value, c), Money.of(r.priceDifference(), c), extra,
                    shipmentOf.get(r.id()), r.createdAt(), r.updatedAt(), history));
        }
        return views;
    }

    /** What {@code quantity} units of a line were paid: its share of the line total (discounts included). */
    static long valueOf(AfterSalesLine line, int quantity) {
        if (quantity == line.quantity()) {
            return line.lineTotal();
        }
        return Math.multiplyExact(line.lineTotal(), quantity) / line.quantity();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
