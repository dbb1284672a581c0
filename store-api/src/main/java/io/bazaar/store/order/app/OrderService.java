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
import io.bazaar.shared.security.OpaqueTokens;
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
import io.bazaar.store.order.domain.FulfilmentStatus;
import io.bazaar.store.order.domain.OrderEvents;
import io.bazaar.store.order.domain.OrderStatus;
import io.bazaar.store.order.domain.Pricing;
import io.bazaar.store.order.persistence.OrderDao;
import io.bazaar.store.order.persistence.OrderDao.OrderRow;
import io.bazaar.store.order.persistence.OrderDiscountDao;
import io.bazaar.store.order.persistence.PlaceOrder;
import io.bazaar.store.payment.domain.PaymentProvider;
import io.bazaar.store.payment.domain.PaymentProviderException;
import io.bazaar.store.promotion.app.PromotionService;
import io.bazaar.store.promotion.app.PromotionViews.DiscountView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
    private static final String TOKEN_PREFIX = "bzo_";
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

    /** {@code redeem} null: the points asked for on the cart (if any). */
    public record CheckoutCommand(CartRef cart, String email, Address shippingAddress, Address billingAddress,
                                  String shippingMethod, String paymentProvider, String channel,
                                  CartService.RedeemRequest redeem) {
        public CheckoutCommand(CartRef cart, String email, Address shippingAddress, Address billingAddress,
                               String shippingMethod, String paymentProvider, String channel) {
            this(cart, email, shippingAddress, billingAddress, shippingMethod, paymentProvider, channel, null);
        }
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
        record Placed(UUID orderId, String number, long amount, String currency, OrderView view) {
        }
        Placed placed = jdbi.inTransaction(h -> {
            PricedCart cart = carts.priceForCheckout(h, cmd.cart(), country, cmd.shippingMethod(), cmd.redeem());
            Instant now = clock.instant();
            UUID orderId = Ids.newId();
            Instant expires = now.plus(reservationTtl);

            List<OrderDao.LineRow> lineRows = new ArrayList<>();
            for (int i = 0; i < cart.lines().size(); i++) {
                PricedCart.Line l = cart.lines().get(i);
                Pricing.PricedLine p = cart.totals().lines().get(i);
                lineRows.add(new OrderDao.LineRow(Ids.newId(), orderId, i + 1, l.variantId(), l.productId(), l.sku(),
                        l.title(), json(l.options()), l.quantity(), l.unitPrice(), p.lineTotal(), p.tax()));
            }

            OrderDao.NewOrder order = new OrderDao.NewOrder(orderId, cart.customerId(), cmd.email().strip(),
                    accessToken == null ? null : hash(accessToken), cart.currency(), cart.totals().subtotal(),
                    cart.totals().discountTotal(), cart.totals().shippingTotal(), cart.totals().taxTotal(),
                    cart.totals().grandTotal(), cart.pricesIncludeTax(), cart.shippingMethod(), cart.minDays(),
                    cart.maxDays(), json(cmd.shippingAddress()),
                    json(cmd.billingAddress() == null ? cmd.shippingAddress() : cmd.billingAddress()), provider.name(),
                    cmd.channel(), expires, cart.cartId());
            // Refuses (rolling everything back) a total the provider cannot charge; no I/O here.
            provider.checkChargeable(cart.totals().grandTotal(), cart.currency());
            OrderDao.HistoryRow placedTransition = new OrderDao.HistoryRow(null, OrderStatus.PENDING_PAYMENT.dbValue(),
                    guest ? "guest" : "customer", cart.customerId(), "checkout", now);
            OrderDao.PaymentRow payment = new OrderDao.PaymentRow(Ids.newId(), provider.name(), "pending",
                    cart.totals().grandTotal(), cart.currency(), null, now);
            List<OrderEvents.Line> eventLines = new ArrayList<>();
            for (int i = 0; i < lineRows.size(); i++) {
                OrderDao.LineRow r = lineRows.get(i);
                eventLines.add(new OrderEvents.Line(r.variantId(), r.productId(), r.sku(), r.title(), r.quantity(),
                        r.unitPrice(), r.lineTotal(), cart.lines().get(i).categoryIds()));
            }
            // Without its number, which the order statement draws and sets in the payload it writes.
            Outbox.PreparedEvent placedEvent = outbox.prepare(OrderEvents.PLACED, "order", orderId.toString(),
                    new OrderEvents.OrderPlaced(orderId, null, cart.customerId(), cmd.email().strip(), cart.currency(),
                            cart.totals().subtotal(), cart.totals().discountTotal(), cart.totals().shippingTotal(),
                            cart.totals().taxTotal(), cart.totals().grandTotal(), cmd.channel(), provider.name(),
                            eventLines, now));
            // The order, its first history entry, its pending payment and its lines, the cart closed, every line's
            // stock taken and held until the reservation expires, and the order.placed event: one statement, sent
            // with the lock of the lines' variants in id order (concurrent checkouts of overlapping carts cannot
            // deadlock). A shortfall rolls the whole transaction back.
            UUID[] movementIds = new UUID[lineRows.size()];
            Arrays.setAll(movementIds, i -> Ids.newId());
            OrderDao.Placed inserted = PlaceOrder.run(h, order, OrderDao.NewLines.of(lineRows), Ids.newId(),
                    placedTransition.actorType(), payment.id(), movementIds, StockReason.RESERVED.value(), now,
                    placedEvent);
            if (!inserted.cartClosed()) {
                throw new ApiException(ErrorCode.CONFLICT, "This cart was already checked out");
            }
            if (inserted.heldVariants().length != lineRows.size()) {
                Set<UUID> held = Set.of(inserted.heldVariants());
                throw outOfStock(cart.lines().stream().filter(l -> !held.contains(l.variantId()))
                        .min(Comparator.comparing(PricedCart.Line::variantId)).orElseThrow());
            }
            String number = inserted.number();
            // Codes are redeemed in the same transaction; a used-up code rolls the whole checkout back.
            promotions.redeem(h, orderId, cart.customerId(), cmd.email(), cart.promotions(), now);
            // Loyalty (issue #8): points and the referral discount are spent here too; a balance another checkout
            // spent meanwhile rolls this one back whole (409 insufficient_points).
            if (cart.pointsRedeemed() > 0) {
                carts.loyalty().redeemPoints(h, cart.customerId(), orderId, cart.pointsRedeemed(),
                        cart.totals().grandTotal());
            }
            if (cart.usesReferralDiscount()) {
                carts.loyalty().useReferralDiscount(h, cart.customerId(), orderId);
            }
            List<OrderDiscountDao.DiscountRow> discounts = new ArrayList<>();
            List<OrderDiscountDao.LineDiscountRow> lineDiscounts = new ArrayList<>();
            recordDiscounts(h, orderId, lineRows, cart.promotions(), now, discounts, lineDiscounts);
            recordLoyaltyDiscounts(h, orderId, lineRows, cart.promotions().size(), cart.loyalty(), now, discounts,
                    lineDiscounts);
            // The answer is assembled from what this transaction wrote: no second read of the order.
            OrderRow written = new OrderRow(orderId, number, order.customerId(), order.email(),
                    OrderStatus.PENDING_PAYMENT.dbValue(), order.currency(), order.subtotal(), order.discountTotal(),
                    order.shippingTotal(), order.taxTotal(), order.grandTotal(), order.pricesIncludeTax(),
                    order.shippingMethod(), order.deliveryMinDays(), order.deliveryMaxDays(), order.shippingAddress(),
                    order.billingAddress(), order.paymentProvider(), order.channel(), expires, 0, now, now);
            OrderView view = assemble(written, lineRows, discounts, lineDiscounts, Optional.of(payment),
                    List.of(placedTransition), null, "unfulfilled", List.of(), 0L);
            return new Placed(orderId, number, cart.totals().grandTotal(), cart.currency(), view);
        });
        // The provider is called only now that the order is committed: no stock or order lock is held
        // during a network call, and a provider that cannot be reached leaves a pending order whose
        // payment the client starts again with POST .../payment-intent.
        PaymentProvider.PaymentStart start = startPayment(provider, placed.orderId(), placed.number(),
                placed.amount(), placed.currency());
        // A provider that went out to the network (Stripe) took time in which a webhook may already have paid
        // the order: read it again. Otherwise nothing can have changed it since commit, and the answer is what
        // the transaction wrote.
        OrderView view = start.providerReference() == null ? placed.view()
                : jdbi.withHandle(h -> view(h, h.attach(OrderDao.class).findById(placed.orderId()).orElseThrow(), false));
        return new CheckoutResult(view, accessToken, start.clientSecret(), start.instructions());
    }

    private static ApiException outOfStock(PricedCart.Line l) {
        return new ApiException(ErrorCode.OUT_OF_STOCK, "'" + l.title() + "' (" + l.sku() + ") does not have "
                + l.quantity() + " in stock any more; nothing was reserved",
                List.of(new FieldError("lines", l.variantId().toString())));
    }

    private PaymentProvider.PaymentStart startPayment(PaymentProvider provider, UUID orderId, String number,
                                                      long amount, String currency) {
        try {
            PaymentProvider.PaymentStart start = provider.start(orderId, number, amount, currency);
            attachPaymentReference(orderId, start.providerReference());
            return start;
        } catch (PaymentProviderException e) {
            LOG.warn("Order {} is placed but its {} payment could not be started yet: {}", number, provider.name(),
                    e.getMessage());
            return new PaymentProvider.PaymentStart(null, null, "The order is saved and its stock held, but the "
                    + provider.name() + " payment could not be started just now. Start it again with POST "
                    + "/v1/me/orders/{id}/payment-intent (or /v1/orders/{id}/payment-intent with X-Order-Token).");
        }
    }

    /** Records the provider's reference for an order's payment, once (a reference already set is kept). */
    private void attachPaymentReference(UUID orderId, String reference) {
        if (reference == null) {
            return;
        }
        try {
            jdbi.useExtension(OrderDao.class, dao -> dao.setPaymentReference(orderId, reference, clock.instant()));
        } catch (RuntimeException e) {
            // The payment still works: provider events name the order in their metadata.
            LOG.error("Could not record payment reference {} of order {}", reference, orderId, e);
        }
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

    /** Every order of the customer, as they see them; for a privacy export. */
    public List<OrderView> exportForCustomer(UUID customerId) {
        return jdbi.withHandle(h -> h.attach(OrderDao.class).listAllForCustomer(customerId).stream()
                .map(o -> view(h, o, false)).toList());
    }

    /** Pseudonymises the customer's orders inside the caller's (erasure) transaction; totals are kept. */
    public int erasePersonalData(Handle handle, UUID customerId, String pseudonymEmail) {
        return handle.attach(OrderDao.class).erasePersonalData(customerId, pseudonymEmail, clock.instant());
    }

    // ---- payments started by the client ----

    /**
     * Starts again, or finds, the payment of the customer's unpaid order and answers what the client
     * needs to complete it (Stripe's client secret). Never creates a second payment for the order.
     */
    public OrderViews.PaymentIntentView resumePaymentForCustomer(UUID customerId, UUID orderId) {
        OrderRow o = jdbi.withHandle(h -> h.attach(OrderDao.class).findById(orderId)
                .filter(r -> customerId.equals(r.customerId()))
                .orElseThrow(() -> ApiException.notFound("Order")));
        return resumePayment(o);
    }

    public OrderViews.PaymentIntentView resumePaymentForGuest(UUID orderId, String accessToken) {
        return resumePayment(jdbi.withHandle(h -> findForGuest(h, orderId, accessToken)));
    }

    private OrderViews.PaymentIntentView resumePayment(OrderRow o) {
        OrderDao.PaymentRow p = jdbi.withExtension(OrderDao.class, dao -> dao.payment(o.id()).orElseThrow());
        if (!OrderStatus.PENDING_PAYMENT.dbValue().equals(o.status())
                || !("pending".equals(p.status()) || "failed".equals(p.status()))) {
            throw new ApiException(ErrorCode.CONFLICT, "The order is " + o.status() + " and its payment "
                    + p.status() + "; there is nothing left to pay");
        }
        PaymentProvider provider = providers.get(p.provider());
        if (provider == null) {
            throw new ApiException(ErrorCode.PAYMENT_PROVIDER_UNAVAILABLE, "Payment provider '" + p.provider()
                    + "' is not enabled any more");
        }
        PaymentProvider.PaymentStart start;
        try {
            start = provider.resume(o.id(), o.number(), p.amount(), p.currency(), p.providerRef());
        } catch (PaymentProviderException e) {
            LOG.warn("Could not resume the {} payment of order {}: {}", p.provider(), o.number(), e.getMessage());
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The payment provider could not be reached; "
                    + "nothing changed, try again in a moment");
        }
        if (p.providerRef() == null) {
            attachPaymentReference(o.id(), start.providerReference());
        }
        return new OrderViews.PaymentIntentView(o.id(), o.number(), p.provider(), p.status(),
                Money.of(p.amount(), p.currency()), start.clientSecret(), start.instructions());
    }

    // ---- payments reported by the provider (webhooks, reconciliation) ----

    /** What a provider's report about a payment did to its order; recorded with the provider's event. */
    public enum PaymentOutcome {
        PAID, ALREADY_PAID, REINSTATED, REFUNDED, ALREADY_REFUNDED, FAILED, CANCELLED, IGNORED, UNKNOWN_ORDER,
        AMOUNT_MISMATCH;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The order whose payment has this provider reference, if any. */
    public java.util.Optional<UUID> orderForPayment(Handle h, String provider, String reference) {
        return h.attach(OrderDao.class).orderIdByPaymentReference(provider, reference);
    }

    /**
     * The provider reports that {@code amount} was collected for the order, in the caller's transaction.
     * Safe to call any number of times, in any order with the other reports, and concurrently: the
     * order row is locked, and a payment that is already recorded changes nothing.
     * <ul>
     *   <li>pending payment: paid, reservations consumed, {@code order.paid};</li>
     *   <li>already paid (or beyond): nothing;</li>
     *   <li>cancelled because its reservation expired: the stock is taken again if it is still there
     *       (back to paid, with the history showing it), otherwise the money is refunded;</li>
     *   <li>cancelled by someone: refunded.</li>
     * </ul>
     * Stock never goes negative: taking it again is the same conditional update as checkout.
     */
    public PaymentOutcome confirmProviderPayment(Handle h, UUID orderId, String provider, String reference,
                                                 long amount, String currency) {
        OrderDao dao = h.attach(OrderDao.class);
        OrderRow o = dao.lock(orderId).orElse(null);
        if (o == null || !provider.equals(o.paymentProvider())) {
            return PaymentOutcome.UNKNOWN_ORDER;
        }
        OrderDao.PaymentRow p = dao.payment(orderId).orElseThrow();
        Instant now = clock.instant();
        if (amount != o.grandTotal() || !o.currency().equalsIgnoreCase(currency)) {
            LOG.error("Payment {} of order {} collected {} {} but the order is {} {}; left for staff", reference,
                    o.number(), amount, currency, o.grandTotal(), o.currency());
            return PaymentOutcome.AMOUNT_MISMATCH;
        }
        if (p.providerRef() != null && !p.providerRef().equals(reference)) {
            // A second payment for one order (never started by Bazaar: each order has one idempotent
            // start). Whatever the order's state, this money is not owed: give it back.
            refundOrFail(provider, orderId, reference, amount, currency);
            LOG.warn("Refunded stray payment {} of order {} (the order's payment is {})", reference, o.number(),
                    p.providerRef());
            return PaymentOutcome.REFUNDED;
        }
        OrderStatus status = OrderStatus.fromDb(o.status());
        if (status == OrderStatus.PENDING_PAYMENT) {
            transition(h, o, OrderStatus.PAID, Actor.system(), provider + " payment " + reference + " succeeded", now);
            dao.settleStock(orderId, "consumed");
            dao.updatePaymentStatus(orderId, "succeeded", reference, now);
            appendPaid(h, o, now);
            return PaymentOutcome.PAID;
        }
        if (status != OrderStatus.CANCELLED) {
            return PaymentOutcome.ALREADY_PAID;
        }
        if ("refunded".equals(p.status())) {
            return PaymentOutcome.ALREADY_REFUNDED;
        }
        if ("succeeded".equals(p.status())) {
            // Cancelled after payment: the cancellation refunded it; this report is a late duplicate.
            return PaymentOutcome.ALREADY_PAID;
        }
        // The money arrived after the order was cancelled.
        boolean timedOut = dao.lastCancellation(orderId).map(c -> "payment_timeout".equals(c.reason()))
                .orElse(false);
        if (timedOut && takeStockAgain(h, o, now)) {
            // The one way back from cancelled, outside the usual state machine: only for an order that
            // was cancelled for want of payment, and only when all of its stock could be taken again.
            if (dao.transition(orderId, OrderStatus.CANCELLED.dbValue(), OrderStatus.PAID.dbValue(), now) != 1) {
                throw new IllegalStateException("order " + orderId + " changed under its lock");
            }
            dao.insertHistory(Ids.newId(), orderId, OrderStatus.CANCELLED.dbValue(), OrderStatus.PAID.dbValue(),
                    "system", null, provider + " payment " + reference
                            + " succeeded after the reservation expired; stock taken again", now);
            dao.updatePaymentStatus(orderId, "succeeded", reference, now);
            appendPaid(h, o, now);
            return PaymentOutcome.REINSTATED;
        }
        refundOrFail(provider, orderId, reference, amount, currency);
        transition(h, o, OrderStatus.REFUNDED, Actor.system(), timedOut
                ? provider + " payment " + reference + " arrived after the reservation expired and the stock is gone; refunded"
                : provider + " payment " + reference + " arrived after the order was cancelled; refunded", now);
        dao.updatePaymentStatus(orderId, "refunded", reference, now);
        return PaymentOutcome.REFUNDED;
    }

    /**
     * The provider reports a failed attempt. The order stays pending so the customer can try again
     * (with the same client secret) until the reservation expires; {@code order.payment_failed} tells
     * the CRM. A failure reported after the payment succeeded (out of order) changes nothing.
     */
    public PaymentOutcome recordPaymentFailure(Handle h, UUID orderId, String provider, String reference,
                                               String reason) {
        OrderDao dao = h.attach(OrderDao.class);
        OrderRow o = dao.lock(orderId).orElse(null);
        if (o == null || !provider.equals(o.paymentProvider())) {
            return PaymentOutcome.UNKNOWN_ORDER;
        }
        OrderDao.PaymentRow p = dao.payment(orderId).orElseThrow();
        if (!OrderStatus.PENDING_PAYMENT.dbValue().equals(o.status())
                || !("pending".equals(p.status()) || "failed".equals(p.status()))) {
            return PaymentOutcome.IGNORED;
        }
        Instant now = clock.instant();
        dao.updatePaymentStatus(orderId, "failed", reference, now);
        outbox.append(h, OrderEvents.PAYMENT_FAILED, "order", orderId.toString(), new OrderEvents.PaymentFailed(orderId,
                o.number(), o.customerId(), provider, reason, now));
        return PaymentOutcome.FAILED;
    }

    /**
     * The provider reports that the payment was cancelled, so it can no longer be paid: the payment is
     * voided, and an order still waiting for it is cancelled and its stock released.
     */
    public PaymentOutcome recordPaymentCanceled(Handle h, UUID orderId, String provider, String reference) {
        OrderDao dao = h.attach(OrderDao.class);
        OrderRow o = dao.lock(orderId).orElse(null);
        if (o == null || !provider.equals(o.paymentProvider())) {
            return PaymentOutcome.UNKNOWN_ORDER;
        }
        OrderDao.PaymentRow p = dao.payment(orderId).orElseThrow();
        if (p.providerRef() != null && !p.providerRef().equals(reference)) {
            return PaymentOutcome.IGNORED;
        }
        if (!OrderStatus.PENDING_PAYMENT.dbValue().equals(o.status())) {
            return PaymentOutcome.IGNORED;
        }
        cancelLocked(h, o, Actor.system(), "payment_canceled", clock.instant());
        return PaymentOutcome.CANCELLED;
    }

    /**
     * The provider reports the payment fully refunded (from its dashboard, or the echo of our own
     * refund). A payment already refunded changes nothing; a paid order becomes refunded. Stock is not
     * touched: whether goods come back is for staff (returns).
     */
    public PaymentOutcome recordProviderRefund(Handle h, UUID orderId, String provider, String reference) {
        OrderDao dao = h.attach(OrderDao.class);
        OrderRow o = dao.lock(orderId).orElse(null);
        if (o == null || !provider.equals(o.paymentProvider())) {
            return PaymentOutcome.UNKNOWN_ORDER;
        }
        OrderDao.PaymentRow p = dao.payment(orderId).orElseThrow();
        if ("refunded".equals(p.status())) {
            return PaymentOutcome.ALREADY_REFUNDED;
        }
        if (!"succeeded".equals(p.status()) || !reference.equals(p.providerRef())) {
            return PaymentOutcome.IGNORED;
        }
        Instant now = clock.instant();
        dao.updatePaymentStatus(orderId, "refunded", reference, now);
        OrderStatus status = OrderStatus.fromDb(o.status());
        if (status.canBecome(OrderStatus.REFUNDED)) {
            transition(h, o, OrderStatus.REFUNDED, Actor.system(), provider + " payment " + reference
                    + " refunded at the provider", now);
        }
        return PaymentOutcome.REFUNDED;
    }

    /** Takes every line's stock again (all or nothing) for an order paid after its reservation was released. */
    private boolean takeStockAgain(Handle h, OrderRow o, Instant now) {
        List<OrderDao.LineRow> lines = new ArrayList<>(h.attach(OrderDao.class).lines(o.id()));
        lines.sort(Comparator.comparing(OrderDao.LineRow::variantId));
        String savepoint = "take_stock_again";
        h.savepoint(savepoint);
        for (OrderDao.LineRow l : lines) {
            if (inventory.take(h, l.variantId(), l.quantity(), StockReason.SALE, "order " + o.number()
                    + " paid after its reservation expired", now).isEmpty()) {
                h.rollbackToSavepoint(savepoint);
                return false;
            }
        }
        h.release(savepoint);
        return true;
    }

    private void refundOrFail(String provider, UUID orderId, String reference, long amount, String currency) {
        PaymentProvider p = providers.get(provider);
        if (p == null) {
            throw new IllegalStateException("payment provider " + provider + " is not enabled; cannot refund " + reference);
        }
        p.refund("refund:" + orderId + ":" + reference, orderId, reference, amount, currency);
    }

    private void appendPaid(Handle h, OrderRow o, Instant now) {
        outbox.append(h, OrderEvents.PAID, "order", o.id().toString(), new OrderEvents.OrderPaid(o.id(),
                o.number(), o.customerId(), o.currency(), o.grandTotal(), o.paymentProvider(), o.channel(), now));
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
            dao.settleStock(orderId, "consumed");
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
        List<UnpaidPayment> unpaid = new ArrayList<>();
        int count = jdbi.inTransaction(h -> {
            Instant now = clock.instant();
            List<UUID> expired = h.attach(OrderDao.class).claimExpired(now, batchSize);
            for (UUID id : expired) {
                OrderRow o = h.attach(OrderDao.class).lock(id).orElseThrow();
                UnpaidPayment u = unpaidPayment(h, o);
                if (u != null) {
                    unpaid.add(u);
                }
                cancelLocked(h, o, Actor.system(), "payment_timeout", now);
            }
            if (!expired.isEmpty()) {
                LOG.info("Released the reservations of {} unpaid orders", expired.size());
            }
            return expired.size();
        });
        stopPayments(unpaid);
        return count;
    }

    private void cancel(UUID orderId, Actor actor, String reason, java.util.function.Predicate<OrderRow> owns) {
        UnpaidPayment unpaid = jdbi.inTransaction(h -> {
            OrderRow o = h.attach(OrderDao.class).lock(orderId).filter(owns)
                    .orElseThrow(() -> ApiException.notFound("Order"));
            OrderStatus status = OrderStatus.fromDb(o.status());
            if (!"staff".equals(actor.type()) && !status.cancellableByCustomer()) {
                throw new ApiException(ErrorCode.ILLEGAL_TRANSITION, "The order is " + o.status()
                        + " and can no longer be cancelled; ask for a return instead");
            }
            UnpaidPayment u = status == OrderStatus.PENDING_PAYMENT ? unpaidPayment(h, o) : null;
            cancelLocked(h, o, actor, reason == null || reason.isBlank() ? "cancelled by " + actor.type() : reason,
                    clock.instant());
            return u;
        });
        stopPayments(unpaid == null ? List.of() : List.of(unpaid));
    }

    /** A started payment of an order being cancelled unpaid, to stop at the provider once the cancellation commits. */
    private record UnpaidPayment(UUID orderId, String provider, String reference) {
    }

    private UnpaidPayment unpaidPayment(Handle h, OrderRow o) {
        return h.attach(OrderDao.class).payment(o.id()).filter(p -> p.providerRef() != null)
                .map(p -> new UnpaidPayment(o.id(), p.provider(), p.providerRef())).orElse(null);
    }

    /**
     * Asks providers to stop payments of orders that were cancelled unpaid, after the cancellation
     * committed (no network call under the order's lock). Best effort: one that slips through is a late
     * payment, which is re-reserved or refunded.
     */
    private void stopPayments(List<UnpaidPayment> unpaid) {
        for (UnpaidPayment u : unpaid) {
            PaymentProvider p = providers.get(u.provider());
            if (p == null) {
                continue;
            }
            try {
                p.cancel(u.orderId(), u.reference());
            } catch (PaymentProviderException e) {
                LOG.info("Could not stop payment {} of cancelled order {}: {}", u.reference(), u.orderId(),
                        e.getMessage());
            }
        }
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
        // Redeemed points go back whatever the order's state; an unpaid order also frees a referral discount.
        carts.loyalty().orderCancelled(h, o.id(), from == OrderStatus.PENDING_PAYMENT);
        // Held stock goes back exactly once: the conditional update of the order's stock_state answers its lines to
        // one caller only.
        for (OrderDao.HeldLine r : dao.settleStock(o.id(), "released")) {
            inventory.give(h, r.variantId(), r.quantity(), StockReason.RELEASED, "order " + o.number() + " cancelled", now);
        }
        if (from == OrderStatus.PAID) {
            // Paid but not shipped: the goods never left, so they go back on the shelf, and the money back.
            for (OrderDao.LineRow l : dao.lines(o.id())) {
                inventory.give(h, l.variantId(), l.quantity(), StockReason.RELEASED, "order " + o.number()
                        + " cancelled after payment", now);
            }
            OrderDao.PaymentRow p = dao.payment(o.id()).orElseThrow();
            PaymentProvider provider = providers.get(p.provider());
            if (provider == null) {
                throw new ApiException(ErrorCode.PAYMENT_PROVIDER_UNAVAILABLE, "The order was paid through "
                        + p.provider() + ", which is not enabled; it cannot be refunded now");
            }
            try {
                // Inside the transaction on purpose: if the refund fails nothing is cancelled, and a retry
                // reuses the provider's idempotency key, so the money goes back exactly once.
                provider.refund("refund:" + o.id() + ":" + p.providerRef(), o.id(), p.providerRef(), p.amount(), p.currency());
            } catch (PaymentProviderException e) {
                LOG.warn("Refund of order {} failed: {}", o.number(), e.getMessage());
                throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The payment provider could not refund the "
                        + "order just now; nothing was cancelled, try again in a moment");
            }
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

    // ---- after-sales (issue #5): shipments, returns and refunds call these inside their transactions ----

    public record AfterSalesLine(UUID id, UUID variantId, UUID productId, String sku, String title, int quantity,
                                 long unitPrice, long lineTotal) {
    }

    /** What shipments, returns and refunds need to know of an order and its payment. */
    public record AfterSalesOrder(UUID id, String number, UUID customerId, OrderStatus status,
                                  FulfilmentStatus fulfilmentStatus, String currency, long grandTotal,
                                  long shippingTotal, String paymentProvider, String paymentStatus,
                                  String providerReference, long captured, long refunded, String channel,
                                  List<AfterSalesLine> lines) {
        public AfterSalesLine line(UUID lineId) {
            return lines.stream().filter(l -> l.id().equals(lineId)).findFirst().orElse(null);
        }
    }

    private volatile OrderViews.ShipmentViews shipmentViews;

    /** Wired at start by the fulfilment feature, which owns shipments. */
    public void useShipmentViews(OrderViews.ShipmentViews views) {
        this.shipmentViews = views;
    }

    /** Locks the order row for the rest of the caller's transaction; an unknown order is 404. */
    public AfterSalesOrder lockForAfterSales(Handle h, UUID orderId) {
        return h.attach(OrderDao.class).lockAfterSales(orderId).map(r -> afterSales(h, r))
                .orElseThrow(() -> ApiException.notFound("Order"));
    }

    public Optional<AfterSalesOrder> findForAfterSales(Handle h, UUID orderId) {
        return h.attach(OrderDao.class).findAfterSales(orderId).map(r -> afterSales(h, r));
    }

    /** {@link #findForAfterSales(Handle, UUID)} for many orders in two queries, by order id (lists of returns). */
    public Map<UUID, AfterSalesOrder> findForAfterSales(Handle h, Collection<UUID> orderIds) {
        if (orderIds.isEmpty()) {
            return Map.of();
        }
        OrderDao dao = h.attach(OrderDao.class);
        UUID[] ids = orderIds.stream().distinct().toArray(UUID[]::new);
        Map<UUID, List<OrderDao.LineRow>> lines = new HashMap<>();
        dao.linesOf(ids).forEach(l -> lines.computeIfAbsent(l.orderId(), k -> new ArrayList<>()).add(l));
        Map<UUID, AfterSalesOrder> found = new HashMap<>();
        for (OrderDao.AfterSalesRow r : dao.findAfterSalesAll(ids)) {
            found.put(r.id(), afterSales(r, lines.getOrDefault(r.id(), List.of())));
        }
        return found;
    }

    /**
     * Records the fulfilment state derived from shipments and moves the order status with it while the
     * status still shows fulfilment (a refunded order keeps showing its refund). Call with the order locked.
     */
    public void updateFulfilment(Handle h, UUID orderId, FulfilmentStatus status, Actor actor, String reason) {
        OrderDao dao = h.attach(OrderDao.class);
        Instant now = clock.instant();
        OrderRow o = dao.findById(orderId).orElseThrow(() -> ApiException.notFound("Order"));
        dao.updateFulfilment(orderId, status.dbValue(), now);
        OrderStatus current = OrderStatus.fromDb(o.status());
        OrderStatus target = status.orderStatus();
        if (current.followsFulfilment() && current != target) {
            transition(h, o, target, actor, reason, now);
        }
    }

    /** Reserves {@code amount} of the captured payment for a refund; false when not refundable now. */
    public boolean reserveRefund(Handle h, UUID orderId, long amount) {
        return h.attach(OrderDao.class).reserveRefund(orderId, amount, clock.instant()) == 1;
    }

    /** Gives back a reservation whose refund failed at the provider. */
    public void releaseRefund(Handle h, UUID orderId, long amount) {
        if (h.attach(OrderDao.class).releaseRefund(orderId, amount, clock.instant()) != 1) {
            throw new IllegalStateException("refund reservation of " + amount + " on order " + orderId + " vanished");
        }
    }

    /** After a refund succeeded: partially_refunded, or refunded once everything captured went back. */
    public void recordRefunded(Handle h, UUID orderId, Actor actor, String reason) {
        OrderDao dao = h.attach(OrderDao.class);
        Instant now = clock.instant();
        OrderRow o = dao.lock(orderId).orElseThrow(() -> ApiException.notFound("Order"));
        OrderDao.AfterSalesRow a = dao.findAfterSales(orderId).orElseThrow();
        boolean full = a.refunded() >= a.captured();
        OrderStatus target = full ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
        if (OrderStatus.fromDb(o.status()).canBecome(target)) {
            transition(h, o, target, actor, reason, now);
        }
        if (full) {
            dao.updatePayment(orderId, "refunded", null, now);
        }
    }

    /** The provider that took the order's payment. */
    public PaymentProvider paymentProvider(String name) {
        PaymentProvider p = providers.get(name);
        if (p == null) {
            throw new IllegalStateException("payment provider " + name + " is not enabled");
        }
        return p;
    }

    private AfterSalesOrder afterSales(Handle h, OrderDao.AfterSalesRow r) {
        return afterSales(r, h.attach(OrderDao.class).lines(r.id()));
    }

    private static AfterSalesOrder afterSales(OrderDao.AfterSalesRow r, List<OrderDao.LineRow> lineRows) {
        List<AfterSalesLine> lines = lineRows.stream().map(l -> new AfterSalesLine(
                l.id(), l.variantId(), l.productId(), l.sku(), l.title(), l.quantity(), l.unitPrice(), l.lineTotal()))
                .toList();
        return new AfterSalesOrder(r.id(), r.number(), r.customerId(), OrderStatus.fromDb(r.status()),
                FulfilmentStatus.fromDb(r.fulfilmentStatus()), r.currency(), r.grandTotal(), r.shippingTotal(),
                r.paymentProvider(), r.paymentStatus(), r.providerRef(), r.captured(), r.refunded(), r.channel(), lines);
    }

    private void recordDiscounts(Handle h, UUID orderId, List<OrderDao.LineRow> lines,
                                 List<PromotionService.AppliedPromotion> applied, Instant now,
                                 List<OrderDiscountDao.DiscountRow> written,
                                 List<OrderDiscountDao.LineDiscountRow> writtenLines) {
        if (applied.isEmpty()) {
            return;
        }
        OrderDiscountDao dao = h.attach(OrderDiscountDao.class);
        for (int d = 0; d < applied.size(); d++) {
            PromotionService.AppliedPromotion a = applied.get(d);
            recordDiscount(dao, new OrderDiscountDao.DiscountRow(Ids.newId(), orderId, d + 1, a.promotionId(),
                    a.code(), a.name(), a.kind(), a.amount(), "promotion", null), a.lineAmounts(), lines, now,
                    written, writtenLines);
        }
    }

    private void recordLoyaltyDiscounts(Handle h, UUID orderId, List<OrderDao.LineRow> lines, int after,
                                        List<PricedCart.AppliedLoyalty> applied, Instant now,
                                        List<OrderDiscountDao.DiscountRow> written,
                                        List<OrderDiscountDao.LineDiscountRow> writtenLines) {
        if (applied.isEmpty()) {
            return;
        }
        OrderDiscountDao dao = h.attach(OrderDiscountDao.class);
        for (int d = 0; d < applied.size(); d++) {
            PricedCart.AppliedLoyalty a = applied.get(d);
            recordDiscount(dao, new OrderDiscountDao.DiscountRow(Ids.newId(), orderId, after + d + 1, null, null,
                    a.name(), a.kind(), a.amount(), a.source(), a.points()), a.lineAmounts(), lines, now,
                    written, writtenLines);
        }
    }

    /** Writes one discount and its split over the order lines, and adds both to what the checkout wrote. */
    private static void recordDiscount(OrderDiscountDao dao, OrderDiscountDao.DiscountRow row, List<Long> lineAmounts,
                                       List<OrderDao.LineRow> lines, Instant now,
                                       List<OrderDiscountDao.DiscountRow> written,
                                       List<OrderDiscountDao.LineDiscountRow> writtenLines) {
        dao.insert(row, now);
        written.add(row);
        List<OrderDiscountDao.LineDiscountRow> split = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lineAmounts.get(i) > 0) {
                split.add(new OrderDiscountDao.LineDiscountRow(row.id(), lines.get(i).id(), lineAmounts.get(i)));
            }
        }
        if (!split.isEmpty()) {
            dao.insertLineDiscounts(split);
            writtenLines.addAll(split);
        }
    }

    // ---- views ----

    /** The order's id when {@code token} is its access token; 404 otherwise (as if the order did not exist). */
    public UUID requireGuestAccess(Handle h, UUID orderId, String token) {
        return findForGuest(h, orderId, token).id();
    }

    private OrderRow findForGuest(Handle h, UUID orderId, String token) {
        if (!OpaqueTokens.hasShape(TOKEN_PREFIX, token)) {
            throw ApiException.notFound("Order");
        }
        return h.attach(OrderDao.class).findByIdAndToken(orderId, hash(token))
                .orElseThrow(() -> ApiException.notFound("Order"));
    }

    private OrderView view(Handle h, OrderRow o, boolean forStaff) {
        OrderDao dao = h.attach(OrderDao.class);
        OrderDiscountDao discountDao = h.attach(OrderDiscountDao.class);
        Optional<OrderDao.AfterSalesRow> afterSales = dao.findAfterSales(o.id());
        return assemble(o, dao.lines(o.id()), discountDao.listForOrder(o.id()), discountDao.lineDiscounts(o.id()),
                dao.payment(o.id()), dao.history(o.id()), forStaff ? dao.notes(o.id()) : null,
                afterSales.map(OrderDao.AfterSalesRow::fulfilmentStatus).orElse("unfulfilled"),
                shipmentViews == null ? List.of() : shipmentViews.forOrder(h, o.id()),
                afterSales.map(OrderDao.AfterSalesRow::refunded).orElse(0L));
    }

    /** The order as customers and staff see it, from its rows ({@code notes} null: not shown, i.e. not staff). */
    private OrderView assemble(OrderRow o, List<OrderDao.LineRow> lineRows, List<OrderDiscountDao.DiscountRow> discountRows,
                               List<OrderDiscountDao.LineDiscountRow> lineDiscountRows,
                               Optional<OrderDao.PaymentRow> paymentRow, List<OrderDao.HistoryRow> historyRows,
                               List<OrderDao.NoteRow> noteRows, String fulfilmentStatus,
                               List<OrderViews.ShipmentView> shipments, long refunded) {
        boolean forStaff = noteRows != null;
        String c = o.currency();
        Map<UUID, Long> lineDiscounts = new java.util.HashMap<>();
        lineDiscountRows.forEach(d -> lineDiscounts.merge(d.orderLineId(), d.amount(), Math::addExact));
        List<DiscountView> discounts = discountRows.stream().map(d -> new DiscountView(
                d.promotionId(), d.code(), d.name(), d.kind(), d.code() == null, Money.of(d.amount(), c), d.source(),
                d.points())).toList();
        List<OrderLineView> lines = lineRows.stream().map(l -> new OrderLineView(l.id(), l.variantId(), l.productId(),
                l.sku(), l.title(), map(l.options()), l.quantity(), Money.of(l.unitPrice(), c),
                Money.of(l.lineTotal(), c), Money.of(lineDiscounts.getOrDefault(l.id(), 0L), c),
                Money.of(l.taxAmount(), c))).toList();
        OrderViews.PaymentView payment = paymentRow.map(p -> new OrderViews.PaymentView(p.provider(),
                p.status(), Money.of(p.amount(), c), instructions(p.provider(), o.number()))).orElse(null);
        List<OrderViews.Transition> history = historyRows.stream().map(t -> new OrderViews.Transition(
                t.fromStatus(), t.toStatus(), t.actorType(), forStaff ? t.actorId() : null, t.reason(), t.createdAt()))
                .toList();
        List<OrderViews.Note> notes = forStaff ? noteRows.stream()
                .map(n -> new OrderViews.Note(n.id(), n.staffId(), n.body(), n.createdAt())).toList() : null;
        return new OrderView(o.id(), o.number(), o.status(), o.customerId(), o.email(), c, lines, discounts,
                new OrderViews.Totals(Money.of(o.subtotal(), c), Money.of(o.discountTotal(), c),
                        Money.of(o.shippingTotal(), c), Money.of(o.taxTotal(), c), Money.of(o.grandTotal(), c),
                        o.pricesIncludeTax()),
                new OrderViews.Shipping(o.shippingMethod(), address(o.shippingAddress()), o.deliveryMinDays(),
                        o.deliveryMaxDays()),
                address(o.billingAddress()), payment, o.channel(),
                "pending_payment".equals(o.status()) ? o.reservationExpiresAt() : null, o.placedAt(), o.updatedAt(),
                history, notes, fulfilmentStatus, shipments, Money.of(refunded, c));
    }

    private String instructions(String provider, String number) {
        PaymentProvider p = providers.get(provider);
        return p == null ? null : p.instructions(number);
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
        return OpaqueTokens.newToken(TOKEN_PREFIX);
    }

    private static byte[] hash(String token) {
        return OpaqueTokens.sha256(token);
    }

}
