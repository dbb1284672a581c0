package io.bazaar.store.order.web;

import io.bazaar.shared.security.Roles;
import io.bazaar.store.auth.domain.AuthUser;
import io.bazaar.store.cart.app.CartService.CartRef;
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

@Path("/v1/me/checkout")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CUSTOMER)
@SecurityRequirement(name = "bearer")
@Tag(name = "Checkout")
public class MeCheckoutResource {
    private final OrderService orders;
    private final CustomerService customers;

    public MeCheckoutResource(OrderService orders, CustomerService customers) {
        this.orders = orders;
        this.customers = customers;
    }

    @POST
    @Operation(summary = "Check out my cart", description = "As the guest checkout; the order belongs to the account. "
            + "With an X-Cart-Token header, checks out that guest cart as this customer. redeem_points (or "
            + "redeem_max_points) replace the points asked for on the cart.")
    public Response customerCheckout(@Auth AuthUser user, @HeaderParam("X-Bazaar-Channel") String channel,
                                     @HeaderParam(io.bazaar.store.cart.web.CartsResource.TOKEN_HEADER) String cartToken,
                                     @NotNull @Valid CheckoutRequest request) {
        String email = request.email() == null || request.email().isBlank()
                ? customers.get(user.id()).email() : request.email();
        // With X-Cart-Token the signed-in customer checks out that guest cart (e.g. a second device's) as themselves.
        CartRef cart = cartToken == null || cartToken.isBlank() ? CartRef.customer(user.id())
                : new CartRef(cartToken, user.id());
        CheckoutResult r = orders.checkout(CheckoutResource.command(cart, email, request, channel));
        return Response.created(URI.create("/v1/me/orders/" + r.order().id())).entity(r).build();
    }

}
