package io.bazaar.store.order.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.error.FieldError;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.money.Money;
import io.bazaar.shared.outbox.Outbox;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import io.bazaar.store.cart.app.CartService;
import io.bazaar.store.cart.app.CartService.CartRef;
import io.bazaar.store.cart.app.PricedCart;
import io.bazaar.store.catalog.app.InventoryService;
import io.bazaar.store.catalog.domain.StockReason;
import io.bazaar.store.order.app.OrderViews.CheckoutResult;
import io.bazaar.store.order.app.OrderViews.OrderLineView;
import io.bazaar.store.order.app.OrderViews.OrderSummary;
import io.bazaar.store.order.app.OrderViews.OrderView;
import io.bazaar.store.order.domain.Address;
import io.bazaar.store.order.domain.OrderEvents;
import io.bazaar.store.order.domain.OrderStatus;
import io.bazaar.store.order.domain.Pricing;
import io.bazaar.store.order.persistence.OrderDao;
import io.bazaar.store.order.persistence.OrderDao.OrderRow;
import io.bazaar.store.order.persistence.OrderDiscountDao;
import io.bazaar.store.payment.domain.PaymentProvider;
import io.bazaar.store.promotion.app.PromotionService;
import io.bazaar.store.promotion.app.PromotionViews.DiscountView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkout and the order lifecycle. Checkout reserves stock and creates the order in one
 * transaction; reservations are settled exactly once (consumed when paid, released when the order is
 * cancelled or its payment times out).
 */
public final class OrderService {
    private static final Logger LOG = LoggerFactory.getLogger(OrderService.class);
    private static final Pattern TOKEN_SHAPE = Pattern.compile("bzo_[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };

    /** Who is acting on an order, for authorisation and the status history. */
    public record Actor(String type, UUID id) {
        public static Actor customer(UUID id) {
            return new Actor("customer", id);
        }

        public static Actor guest() {
            return new Actor("guest", null);
        }

        public static Actor staff(UUID id) {
            return new Actor("staff", id);
        }

        public static Actor system() {
            return new Actor("system", null);
        }
    }

    public record CheckoutCommand(CartRef cart, String email, Address shippingAddress, Address billingAddress,
                                  String shippingMethod, String paymentProvider, String channel) {
    }

    public record OrderFilter(String status, UUID customerId, String query, Instant from, Instant to) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final Outbox outbox;
    private final CartService carts;
    private final InventoryService inventory;
    private final Map<String, PaymentProvider> providers;
    private final Duration reservationTtl;
    private final PromotionService promotions;

    public OrderService(Jdbi jdbi, Clock clock, ObjectMapper mapper, Outbox outbox, CartService carts,
                        InventoryService inventory, List<PaymentProvider> providers, Duration reservationTtl,
                        PromotionService promotions) {
        this.promotions = promotions;
        this.jdbi = jdbi;
        this.clock = clock;
        this.mapper = mapper;
        this.outbox = outbox;
        this.carts = carts;
        this.inventory = inventory;
        this.providers = providers.stream().collect(java.util.stream.Collectors.toMap(PaymentProvider::name, p -> p));
        this.reservationTtl = reservationTtl;
    }

    // ---- checkout ----

    public CheckoutResult checkout(CheckoutCommand cmd) {
        PaymentProvider provider = providers.get(cmd.paymentProvider());
        if (provider == null) {
            throw new ApiException(ErrorCode.PAYMENT_PROVIDER_UNAVAILABLE, "Payment provider '" + cmd.paymentProvider()
                    + "' is not enabled; enabled: " + providers.keySet(),
                    List.of(new FieldError("payment_provider", "must be one of " + providers.keySet())));
        }
        String country = cmd.shippingAddress().country().toUpperCase(java.util.Locale.ROOT);
        boolean guest = cmd.cart().customerId() == null;
        String accessToken = guest ? newToken() : null;
        record Placed(UUID orderId, PaymentProvider.PaymentStart start) {
        }
        Placed placed = jdbi.inTransaction(h -> {
            PricedCart cart = carts.priceForCheckout(h, cmd.cart(), country, cmd.shippingMethod());
            Instant now = clock.instant();
            UUID orderId = Ids.newId();
            String number = "BZ-" + h.attach(OrderDao.class).nextNumber();
            Instant expires = now.plus(reservationTtl);

            // Take stock line by line in a fixed order (by variant id) so concurrent checkouts of
            // overlapping carts cannot deadlock; any shortfall rolls the whole transaction back.
            List<PricedCart.Line> byVariant = new ArrayList<>(cart.lines());
            byVariant.sort(Comparator.comparing(PricedCart.Line::variantId));
            OrderDao dao = h.attach(OrderDao.class);
            List<OrderDao.LineRow> lineRows = new ArrayList<>();
            for (int i = 0; i < cart.lines().size(); i++) {
                PricedCart.Line l = cart.lines().get(i);
                Pricing.PricedLine p = cart.totals().lines().get(i);
                lineRows.add(new OrderDao.LineRow(Ids.newId(), orderId, i + 1, l.variantId(), l.productId(), l.sku(),
                        l.title(), json(l.options()), l.quantity(), l.unitPrice(), p.lineTotal(), p.tax()));
            }

            dao.insertOrder(new OrderDao.NewOrder(orderId, number, cart.customerId(), cmd.email().strip(),
                    accessToken == null ? null : hash(accessToken), cart.currency(), cart.totals().subtotal(),
                    cart.totals().discountTotal(), cart.totals().shippingTotal(), cart.totals().taxTotal(),
                    cart.totals().grandTotal(), cart.pricesIncludeTax(), cart.shippingMethod(), cart.minDays(),
                    cart.maxDays(), json(cmd.shippingAddress()),
                    json(cmd.billingAddress() == null ? cmd.shippingAddress() : cmd.billingAddress()), provider.name(),
                    cmd.channel(), expires, cart.cartId()), now);
            // Codes are redeemed before any stock is taken; a used-up code rolls the whole checkout back.
            promotions.redeem(h, orderId, cart.customerId(), cmd.email(), cart.promotions(), now);
            for (PricedCart.Line l : byVariant) {
                if (inventory.take(h, l.variantId(), l.quantity(), StockReason.RESERVED, "order " + number, now).isEmpty()) {
                    throw new ApiException(ErrorCode.OUT_OF_STOCK, "'" + l.title() + "' (" + l.sku()
                            + ") does not have " + l.quantity() + " in stock any more; nothing was reserved",
                            List.of(new FieldError("lines", l.variantId().toString())));
                }
                dao.insertReservation(orderId, l.variantId(), l.quantity(), expires, now);
            }
            dao.insertLines(lineRows);
            recordDiscounts(h, orderId, lineRows, cart.promotions(), now);
            dao.insertHistory(Ids.newId(), orderId, null, OrderStatus.PENDING_PAYMENT.dbValue(),
                    guest ? "guest" : "customer", cart.customerId(), "checkout", now);
            PaymentProvider.PaymentStart start = provider.start(orderId, number, cart.totals().grandTotal(),
                    cart.currency());
            dao.insertPayment(Ids.newId(), orderId, provider.name(), cart.totals().grandTotal(), cart.currency(),
                    start.providerReference(), now);
            carts.markCheckedOut(h, cart.cartId());
            outbox.append(h, OrderEvents.PLACED, "order", orderId.toString(), new OrderEvents.OrderPlaced(orderId,
                    number, cart.customerId(), cmd.email().strip(), cart.currency(), cart.totals().subtotal(),
                    cart.totals().discountTotal(), cart.totals().shippingTotal(), cart.totals().taxTotal(),
                    cart.totals().grandTotal(), cmd.channel(), provider.name(), lineRows.stream()
                    .map(r -> new OrderEvents.Line(r.variantId(), r.productId(), r.sku(), r.title(), r.quantity(),
                            r.unitPrice(), r.lineTotal())).toList(), now));
            return new Placed(orderId, start);
        });
        OrderView view = jdbi.withHandle(h -> view(h, h.attach(OrderDao.class).findById(placed.orderId()).orElseThrow(),
                false));
        return new CheckoutResult(view, accessToken, placed.start().clientSecret(), placed.start().instructions());
    }

    // ---- reading ----

    public OrderView getForCustomer(UUID customerId, UUID orderId) {
        return jdbi.withHandle(h -> {
            OrderRow o = h.attach(OrderDao.class).findById(orderId)
                    .filter(r -> customerId.equals(r.customerId()))
                    .orElseThrow(() -> ApiException.notFound("Order"));
            return view(h, o, false);
        });
    }

    public OrderView getForGuest(UUID orderId, String accessToken) {
        return jdbi.withHandle(h -> view(h, findForGuest(h, orderId, accessToken), false));
    }

    public OrderView getForStaff(UUID orderId) {
        return jdbi.withHandle(h -> view(h, h.attach(OrderDao.class).findById(orderId)
                .orElseThrow(() -> ApiException.notFound("Order")), true));
    }

    public Page<OrderSummary> listForCustomer(UUID customerId, Cursor cursor, int limit) {
        List<OrderRow> rows = jdbi.withExtension(OrderDao.class, dao -> dao.listForCustomer(customerId,
                cursor == null ? null : cursor.at(), cursor == null ? null : cursor.id(), limit + 1));
        return page(rows, limit);
    }

    public Page<OrderSummary> search(OrderFilter f, Cursor cursor, int limit) {
        List<OrderRow> rows = jdbi.withExtension(OrderDao.class, dao -> dao.search(f.status(), f.customerId(),
                f.query(), f.from(), f.to(), cursor == null ? null : cursor.at(), cursor == null ? null : cursor.id(),
                limit + 1));
        return page(rows, limit);
    }

    // ---- changes ----

    /** Staff record that a manual (bank transfer / cash) payment arrived. */
    public OrderView markPaid(UUID orderId, UUID staffId) {
        jdbi.useTransaction(h -> {
            OrderDao dao = h.attach(OrderDao.class);
            OrderRow o = dao.lock(orderId).orElseThrow(() -> ApiException.notFound("Order"));
            if (!"manual".equals(o.paymentProvider())) {
                throw new ApiException(ErrorCode.CONFLICT, "This order is paid through " + o.paymentProvider()
                        + "; its payment is confirmed by the provider, not by staff");
            }
            Instant now = clock.instant();
            transition(h, o, OrderStatus.PAID, Actor.staff(staffId), "manual payment received", now);
            dao.settleReservations(orderId, "consumed", now);
            dao.updatePayment(orderId, "succeeded", staffId, now);
            outbox.append(h, OrderEvents.PAID, "order", orderId.toString(), new OrderEvents.OrderPaid(orderId,
                    o.number(), o.customerId(), o.currency(), o.grandTotal(), o.paymentProvider(), o.channel(), now));
        });
        return getForStaff(orderId);
    }

    public OrderView cancelByCustomer(UUID customerId, UUID orderId, String reason) {
        cancel(orderId, Actor.customer(customerId), reason, o -> customerId.equals(o.customerId()));
        return getForCustomer(customerId, orderId);
    }

    public OrderView cancelByGuest(UUID orderId, String accessToken, String reason) {
        jdbi.withHandle(h -> findForGuest(h, orderId, accessToken));
        cancel(orderId, Actor.guest(), reason, o -> true);
        return getForGuest(orderId, accessToken);
    }

    public OrderView cancelByStaff(UUID staffId, UUID orderId, String reason) {
        cancel(orderId, Actor.staff(staffId), reason, o -> true);
        return getForStaff(orderId);
    }

    public OrderView addNote(UUID staffId, UUID orderId, String body) {
        jdbi.useTransaction(h -> {
            OrderDao dao = h.attach(OrderDao.class);
            dao.findById(orderId).orElseThrow(() -> ApiException.notFound("Order"));
            dao.insertNote(Ids.newId(), orderId, staffId, body.strip(), clock.instant());
        });
        return getForStaff(orderId);
    }

    /**
     * Cancels orders whose payment did not arrive before their reservation expired, giving the stock
     * back. Safe on any number of instances at once (rows are claimed with SKIP LOCKED, and each
     * reservation is released by a conditional update that only one transaction can win).
     *
     * @return how many orders were cancelled
     */
    public int expireUnpaid(int batchSize) {
        return jdbi.inTransaction(h -> {
            Instant now = clock.instant();
            List<UUID> expired = h.attach(OrderDao.class).claimExpired(now, batchSize);
            for (UUID id : expired) {
                OrderRow o = h.attach(OrderDao.class).lock(id).orElseThrow();
                cancelLocked(h, o, Actor.system(), "payment_timeout", now);
            }
            if (!expired.isEmpty()) {
                LOG.info("Released the reservations of {} unpaid orders", expired.size());
            }
            return expired.size();
        });
    }

    private void cancel(UUID orderId, Actor actor, String reason, java.util.function.Predicate<OrderRow> owns) {
        jdbi.useTransaction(h -> {
            OrderRow o = h.attach(OrderDao.class).lock(orderId).filter(owns)
                    .orElseThrow(() -> ApiException.notFound("Order"));
            OrderStatus status = OrderStatus.fromDb(o.status());
            if (!"staff".equals(actor.type()) && !status.cancellableByCustomer()) {
                throw new ApiException(ErrorCode.ILLEGAL_TRANSITION, "The order is " + o.status()
                        + " and can no longer be cancelled; ask for a return instead");
            }
            cancelLocked(h, o, actor, reason == null || reason.isBlank() ? "cancelled by " + actor.type() : reason,
                    clock.instant());
        });
    }

    private void cancelLocked(Handle h, OrderRow o, Actor actor, String reason, Instant now) {
        OrderDao dao = h.attach(OrderDao.class);
        OrderStatus from = OrderStatus.fromDb(o.status());
        if (from != OrderStatus.PENDING_PAYMENT && from != OrderStatus.PAID) {
            throw new ApiException(ErrorCode.ILLEGAL_TRANSITION, "An order that is " + o.status()
                    + " cannot be cancelled");
        }
        transition(h, o, OrderStatus.CANCELLED, actor, reason, now);
        if (from == OrderStatus.PENDING_PAYMENT) {
            // Rule: an order cancelled before it was paid (by anyone, or by the payment timeout) gives its
            // discount code uses back; a paid order keeps them (see docs/PROMOTIONS.md).
            promotions.release(h, o.id(), now);
        }
        // Held reservations go back to stock exactly once: the conditional update returns each row to one caller.
        for (OrderDao.ReservationRow r : dao.settleReservations(o.id(), "released", now)) {
            inventory.give(h, r.variantId(), r.quantity(), StockReason.RELEASED, "order " + o.number() + " cancelled", now);
        }
        if (from == OrderStatus.PAID) {
            // Paid but not shipped: the goods never left, so they go back on the shelf, and the money back.
            for (OrderDao.LineRow l : dao.lines(o.id())) {
                inventory.give(h, l.variantId(), l.quantity(), StockReason.RELEASED, "order " + o.number()
                        + " cancelled after payment", now);
            }
            OrderDao.PaymentRow p = dao.payment(o.id()).orElseThrow();
            providers.get(p.provider()).refund(o.id(), p.providerRef(), p.amount(), p.currency());
            dao.updatePayment(o.id(), "refunded", null, now);
        } else {
            dao.updatePayment(o.id(), "voided", null, now);
        }
        outbox.append(h, OrderEvents.CANCELLED, "order", o.id().toString(), new OrderEvents.OrderCancelled(o.id(),
                o.number(), o.customerId(), o.currency(), o.grandTotal(), reason,
                "payment_timeout".equals(reason) ? reason : "cancelled_by_" + actor.type(), actor.type(), o.channel(),
                now));
    }

    private void transition(Handle h, OrderRow o, OrderStatus to, Actor actor, String reason, Instant now) {
        OrderStatus from = OrderStatus.fromDb(o.status());
        if (!from.canBecome(to)) {
            throw new ApiException(ErrorCode.ILLEGAL_TRANSITION, "An order that is " + from.dbValue()
                    + " cannot become " + to.dbValue());
        }
        OrderDao dao = h.attach(OrderDao.class);
        if (dao.transition(o.id(), from.dbValue(), to.dbValue(), now) != 1) {
            throw new ApiException(ErrorCode.CONFLICT, "The order changed meanwhile; reload and retry");
        }
        dao.insertHistory(Ids.newId(), o.id(), from.dbValue(), to.dbValue(), actor.type(), actor.id(), reason, now);
    }

    private void recordDiscounts(Handle h, UUID orderId, List<OrderDao.LineRow> lines,
                                 List<PromotionService.AppliedPromotion> applied, Instant now) {
        OrderDiscountDao dao = h.attach(OrderDiscountDao.class);
        for (int d = 0; d < applied.size(); d++) {
            PromotionService.AppliedPromotion a = applied.get(d);
            UUID id = Ids.newId();
            dao.insert(new OrderDiscountDao.DiscountRow(id, orderId, d + 1, a.promotionId(), a.code(), a.name(),
                    a.kind(), a.amount()), now);
            List<OrderDiscountDao.LineDiscountRow> split = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (a.lineAmounts().get(i) > 0) {
                    split.add(new OrderDiscountDao.LineDiscountRow(id, lines.get(i).id(), a.lineAmounts().get(i)));
                }
            }
            if (!split.isEmpty()) {
                dao.insertLineDiscounts(split);
            }
        }
    }

    // ---- views ----

    private OrderRow findForGuest(Handle h, UUID orderId, String token) {
        if (token == null || !TOKEN_SHAPE.matcher(token).matches()) {
            throw ApiException.notFound("Order");
        }
        return h.attach(OrderDao.class).findByIdAndToken(orderId, hash(token))
                .orElseThrow(() -> ApiException.notFound("Order"));
    }

    private OrderView view(Handle h, OrderRow o, boolean forStaff) {
        OrderDao dao = h.attach(OrderDao.class);
        String c = o.currency();
        OrderDiscountDao discountDao = h.attach(OrderDiscountDao.class);
        Map<UUID, Long> lineDiscounts = new java.util.HashMap<>();
        discountDao.lineDiscounts(o.id()).forEach(d -> lineDiscounts.merge(d.orderLineId(), d.amount(), Math::addExact));
        List<DiscountView> discounts = discountDao.listForOrder(o.id()).stream().map(d -> new DiscountView(
                d.promotionId(), d.code(), d.name(), d.kind(), d.code() == null, Money.of(d.amount(), c))).toList();
        List<OrderLineView> lines = dao.lines(o.id()).stream().map(l -> new OrderLineView(l.variantId(), l.productId(),
                l.sku(), l.title(), map(l.options()), l.quantity(), Money.of(l.unitPrice(), c),
                Money.of(l.lineTotal(), c), Money.of(lineDiscounts.getOrDefault(l.id(), 0L), c),
                Money.of(l.taxAmount(), c))).toList();
        OrderViews.PaymentView payment = dao.payment(o.id()).map(p -> new OrderViews.PaymentView(p.provider(),
                p.status(), Money.of(p.amount(), c), instructions(p.provider(), o.number()))).orElse(null);
        List<OrderViews.Transition> history = dao.history(o.id()).stream().map(t -> new OrderViews.Transition(
                t.fromStatus(), t.toStatus(), t.actorType(), forStaff ? t.actorId() : null, t.reason(), t.createdAt()))
                .toList();
        List<OrderViews.Note> notes = forStaff ? dao.notes(o.id()).stream()
                .map(n -> new OrderViews.Note(n.id(), n.staffId(), n.body(), n.createdAt())).toList() : null;
        return new OrderView(o.id(), o.number(), o.status(), o.customerId(), o.email(), c, lines, discounts,
                new OrderViews.Totals(Money.of(o.subtotal(), c), Money.of(o.discountTotal(), c),
                        Money.of(o.shippingTotal(), c), Money.of(o.taxTotal(), c), Money.of(o.grandTotal(), c),
                        o.pricesIncludeTax()),
                new OrderViews.Shipping(o.shippingMethod(), address(o.shippingAddress()), o.deliveryMinDays(),
                        o.deliveryMaxDays()),
                address(o.billingAddress()), payment, o.channel(),
                "pending_payment".equals(o.status()) ? o.reservationExpiresAt() : null, o.placedAt(), o.updatedAt(),
                history, notes);
    }

    private String instructions(String provider, String number) {
        PaymentProvider p = providers.get(provider);
        return p == null ? null : p.start(null, number, 0, "XXX").instructions();
    }

    private Page<OrderSummary> page(List<OrderRow> rows, int limit) {
        List<OrderRow> pageRows = rows.stream().limit(limit).toList();
        // One query for the item counts of the whole page, not one per order.
        Map<UUID, Integer> counts = new java.util.HashMap<>();
        if (!pageRows.isEmpty()) {
            jdbi.withExtension(OrderDao.class, dao -> dao.itemCounts(pageRows.stream().map(OrderRow::id)
                    .toArray(UUID[]::new))).forEach(c -> counts.put(c.orderId(), c.items()));
        }
        List<OrderSummary> data = pageRows.stream().map(o -> new OrderSummary(o.id(), o.number(), o.status(),
                o.email(), Money.of(o.grandTotal(), o.currency()), counts.getOrDefault(o.id(), 0), o.placedAt()))
                .toList();
        String next = rows.size() > limit ? new Cursor(pageRows.get(limit - 1).placedAt(),
                pageRows.get(limit - 1).id()).encode() : null;
        return new Page<>(data, next);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> map(String json) {
        try {
            return json == null ? Map.of() : mapper.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Address address(String json) {
        try {
            return mapper.readValue(json, Address.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt address", e);
        }
    }

    private static String newToken() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return "bzo_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
