package io.bazaar.store.order.web;

import io.bazaar.shared.error.ApiException;
import io.bazaar.store.cart.app.CartService.CartRef;
import io.bazaar.store.cart.web.CartsResource;
import io.bazaar.store.order.app.OrderService;
import io.bazaar.store.order.app.OrderViews.CheckoutResult;
import io.bazaar.store.order.web.OrderRequests.CheckoutRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

@Path("/v1/checkout")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Checkout")
public class CheckoutResource {
    private final OrderService orders;

    public CheckoutResource(OrderService orders) {
        this.orders = orders;
    }

    @POST
    @Operation(summary = "Check out the guest cart (X-Cart-Token)",
            description = "Reserves stock and creates the order in one transaction. Answers the order, a guest access "
                    + "token for tracking (shown only here) and payment instructions. Send an Idempotency-Key.")
    public Response guestCheckout(@HeaderParam(CartsResource.TOKEN_HEADER) String cartToken,
                                  @HeaderParam("X-Bazaar-Channel") String channel,
                                  @NotNull @Valid CheckoutRequest request) {
        if (request.email() == null || request.email().isBlank()) {
            throw ApiException.validation("email", "is required for a guest checkout");
        }
        CheckoutResult r = orders.checkout(command(CartRef.guest(cartToken), request.email(), request, channel));
        return Response.created(URI.create("/v1/orders/" + r.order().id())).entity(r).build();
    }

    static OrderService.CheckoutCommand command(CartRef cart, String email, CheckoutRequest r, String channel) {
        return new OrderService.CheckoutCommand(cart, email, r.shippingAddress().toDomain(),
                r.billingAddress() == null ? null : r.billingAddress().toDomain(), r.shippingMethod(),
                r.paymentProvider(), "mobile".equalsIgnoreCase(channel) ? "mobile" : "web", r.redeem());
    }
}
