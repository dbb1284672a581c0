package io.bazaar.store.order.web;

import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.security.Roles;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import io.bazaar.store.auth.domain.AuthUser;
import io.bazaar.store.order.app.OrderService;
import io.bazaar.store.order.app.OrderViews;
import io.bazaar.store.order.app.OrderViews.OrderSummary;
import io.bazaar.store.order.app.OrderViews.OrderView;
import io.bazaar.store.order.web.OrderRequests.CancelRequest;
import io.bazaar.store.platform.idempotency.IdempotencyExempt;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** The signed-in customer's orders; another customer's order id answers 404. */
@Path("/v1/me/orders")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CUSTOMER)
@SecurityRequirement(name = "bearer")
@Tag(name = "Orders")
public class MeOrdersResource {
    private final OrderService orders;

    public MeOrdersResource(OrderService orders) {
        this.orders = orders;
    }

    @GET
    @Operation(summary = "My orders, newest first")
    public Page<OrderSummary> myOrders(@Auth AuthUser user, @QueryParam("limit") Integer limit,
                                       @QueryParam("cursor") String cursor) {
        return orders.listForCustomer(user.id(), Cursor.decode(cursor), Cursor.limit(limit, 20, 100));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One of my orders, with its status history (another customer's order is 404)")
    public OrderView myOrder(@Auth AuthUser user, @PathParam("id") String id) {
        return orders.getForCustomer(user.id(), OrdersResource.id(id));
    }

    @POST
    @Path("{id}/payment-intent")
    @IdempotencyExempt("answers a client secret; repeating it never starts a second payment")
    @Operation(summary = "Start again, or find, the card payment of my unpaid order",
            description = "For a payment provider such as Stripe: answers the client secret to confirm the payment "
                    + "with Stripe.js. Use it when checkout could not start the payment, or the checkout response was "
                    + "lost. 409 when the order is no longer waiting for payment.")
    public OrderViews.PaymentIntentView myPayment(@Auth AuthUser user, @PathParam("id") String id) {
        return orders.resumePaymentForCustomer(user.id(), OrdersResource.id(id));
    }

    @POST
    @Path("{id}/cancellation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel my order before it ships", description = "Stock goes back; a payment is voided or refunded.")
    public OrderView cancelMine(@Auth AuthUser user, @PathParam("id") String id, @Valid CancelRequest request) {
        return orders.cancelByCustomer(user.id(), OrdersResource.id(id), request == null ? null : request.reason());
    }

}
