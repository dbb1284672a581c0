package io.bazaar.store.order.web;

import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.security.Roles;
import io.bazaar.store.auth.domain.AuthUser;
import io.bazaar.store.cart.app.CartService.CartRef;
import io.bazaar.store.cart.web.CartsResource;
import io.bazaar.store.customer.app.CustomerService;
import io.bazaar.store.order.app.OrderService;
import io.bazaar.store.order.app.OrderViews.CheckoutResult;
import io.bazaar.store.order.web.OrderRequests.CheckoutRequest;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
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

@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Checkout")
public class CheckoutResource {
    private final OrderService orders;
    private final CustomerService customers;

    public CheckoutResource(OrderService orders, CustomerService customers) {
        this.orders = orders;
        this.customers = customers;
    }

    @POST
    @Path("checkout")
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

    @POST
    @Path("me/checkout")
    @RolesAllowed(Roles.CUSTOMER)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Check out my cart", description = "As the guest checkout; the order belongs to the account.")
    public Response customerCheckout(@Auth AuthUser user, @HeaderParam("X-Bazaar-Channel") String channel,
                                     @NotNull @Valid CheckoutRequest request) {
        String email = request.email() == null || request.email().isBlank()
                ? customers.get(user.id()).email() : request.email();
        CheckoutResult r = orders.checkout(command(CartRef.customer(user.id()), email, request, channel));
        return Response.created(URI.create("/v1/me/orders/" + r.order().id())).entity(r).build();
    }

    private static OrderService.CheckoutCommand command(CartRef cart, String email, CheckoutRequest r, String channel) {
        return new OrderService.CheckoutCommand(cart, email, r.shippingAddress().toDomain(),
                r.billingAddress() == null ? null : r.billingAddress().toDomain(), r.shippingMethod(),
                r.paymentProvider(), "mobile".equalsIgnoreCase(channel) ? "mobile" : "web");
    }
}
