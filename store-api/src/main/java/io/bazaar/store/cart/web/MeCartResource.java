package io.bazaar.store.cart.web;

import io.bazaar.shared.security.Roles;
import io.bazaar.store.auth.domain.AuthUser;
import io.bazaar.store.cart.app.CartService;
import io.bazaar.store.cart.app.CartService.CartRef;
import io.bazaar.store.cart.app.CartViews.CartView;
import io.bazaar.store.cart.web.CartRequests.AddLineRequest;
import io.bazaar.store.cart.web.CartRequests.DiscountCodeRequest;
import io.bazaar.store.cart.web.CartRequests.MergeRequest;
import io.bazaar.store.cart.web.CartRequests.SetQuantityRequest;
import io.bazaar.store.cart.web.CartRequests.ShippingRequest;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The signed-in customer's cart. It exists from the first look, in the shop's default currency. */
@Path("/v1/me/cart")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CUSTOMER)
@SecurityRequirement(name = "bearer")
@Tag(name = "Cart")
public class MeCartResource {
    private final CartService carts;

    public MeCartResource(CartService carts) {
        this.carts = carts;
    }

    @GET
    @Operation(summary = "My cart with current prices, availability and totals")
    public CartView get(@Auth AuthUser user) {
        return carts.view(CartRef.customer(user.id()));
    }

    @POST
    @Path("lines")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a variant (quantities add up)")
    public CartView addLine(@Auth AuthUser user, @NotNull @Valid AddLineRequest request) {
        return carts.addLine(CartRef.customer(user.id()), request.variantId(), request.quantity());
    }

    @PATCH
    @Path("lines/{variantId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a line's quantity")
    public CartView setQuantity(@Auth AuthUser user, @PathParam("variantId") String variantId,
                                @NotNull @Valid SetQuantityRequest request) {
        return carts.setQuantity(CartRef.customer(user.id()), CartsResource.id(variantId), request.quantity());
    }

    @DELETE
    @Path("lines/{variantId}")
    @Operation(summary = "Remove a line")
    public CartView removeLine(@Auth AuthUser user, @PathParam("variantId") String variantId) {
        return carts.removeLine(CartRef.customer(user.id()), CartsResource.id(variantId));
    }

    @PUT
    @Path("shipping")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Choose the destination country and shipping method")
    public CartView shipping(@Auth AuthUser user, @NotNull @Valid ShippingRequest request) {
        return carts.setShipping(CartRef.customer(user.id()), request.country(), request.method());
    }

    @PUT
    @Path("discount-code")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Apply a discount code to my cart (replaces its code)",
            description = "400 discount_code_invalid for an unknown code; 409 promotion_* when it does not apply now.")
    public CartView applyDiscountCode(@Auth AuthUser user, @NotNull @Valid DiscountCodeRequest request) {
        return carts.applyDiscountCode(CartRef.customer(user.id()), request.code());
    }

    @DELETE
    @Path("discount-code")
    @Operation(summary = "Remove the discount code from my cart")
    public CartView removeDiscountCode(@Auth AuthUser user) {
        return carts.removeDiscountCode(CartRef.customer(user.id()));
    }

    // ---- Loyalty points redemption (issue #8) ----
    @PUT
    @Path("points")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Redeem loyalty points on my cart: {\"points\": N} or {\"max\": true}",
            description = "The points show as their own discount line. 422 points_below_minimum, "
                    + "points_above_maximum_share, points_below_minimum_share or points_not_redeemable, 409 "
                    + "insufficient_points when they cannot be used; the cart keeps its previous request.")
    public CartView redeemPoints(@Auth AuthUser user, @NotNull @Valid CartRequests.RedeemPointsRequest request) {
        return carts.setPointsRedemption(user.id(), request.points(), Boolean.TRUE.equals(request.max()));
    }

    @DELETE
    @Path("points")
    @Operation(summary = "Stop redeeming points on my cart")
    public CartView removePoints(@Auth AuthUser user) {
        return carts.clearPointsRedemption(user.id());
    }
    // ---- end ----

    @POST
    @Path("merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move a guest cart into my cart after signing in (quantities add up)")
    public CartView merge(@Auth AuthUser user, @NotNull @Valid MergeRequest request) {
        return carts.merge(user.id(), request.cartToken());
    }
}
