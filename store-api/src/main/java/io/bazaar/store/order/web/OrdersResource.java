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

/** Orders as their buyer sees them: customers under /v1/me/orders, guests with their order access token. */
@Path("/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Orders")
public class OrdersResource {
    public static final String TOKEN_HEADER = "X-Order-Token";
    private final OrderService orders;

    public OrdersResource(OrderService orders) {
        this.orders = orders;
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Track a guest order with its access token (X-Order-Token)")
    public OrderView guestOrder(@PathParam("id") String id, @HeaderParam(TOKEN_HEADER) String token) {
        return orders.getForGuest(id(id), token);
    }

    @POST
    @Path("{id}/payment-intent")
    @IdempotencyExempt("answers a client secret; repeating it never starts a second payment")
    @Operation(summary = "Start again, or find, the card payment of a guest order (X-Order-Token)",
            description = "As POST /v1/me/orders/{id}/payment-intent, for guests.")
    public OrderViews.PaymentIntentView guestPayment(@PathParam("id") String id, @HeaderParam(TOKEN_HEADER) String token) {
        return orders.resumePaymentForGuest(id(id), token);
    }

    @POST
    @Path("{id}/cancellation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a guest order before it ships (X-Order-Token)")
    public OrderView cancelGuest(@PathParam("id") String id, @HeaderParam(TOKEN_HEADER) String token,
                                 @Valid CancelRequest request) {
        return orders.cancelByGuest(id(id), token, request == null ? null : request.reason());
    }

    static UUID id(String raw) {
        return Ids.parse(raw).orElseThrow(() -> ApiException.notFound("Order"));
    }
}
