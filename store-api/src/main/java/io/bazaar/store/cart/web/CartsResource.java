package io.bazaar.store.cart.web;

import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.store.cart.app.CartService;
import io.bazaar.store.cart.app.CartService.CartRef;
import io.bazaar.store.cart.app.CartService.NewLine;
import io.bazaar.store.cart.app.CartViews.CartView;
import io.bazaar.store.cart.app.CartViews.NewGuestCart;
import io.bazaar.store.cart.web.CartRequests.AddLineRequest;
import io.bazaar.store.cart.web.CartRequests.CreateCartRequest;
import io.bazaar.store.cart.web.CartRequests.DiscountCodeRequest;
import io.bazaar.store.cart.web.CartRequests.SetQuantityRequest;
import io.bazaar.store.cart.web.CartRequests.ShippingRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Guest carts, addressed by the token in the {@code X-Cart-Token} header (never in the URL, so never in logs). */
@Path("/v1/carts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cart")
public class CartsResource {
    public static final String TOKEN_HEADER = "X-Cart-Token";
    private final CartService carts;

    public CartsResource(CartService carts) {
        this.carts = carts;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a guest cart", description = "Answers the cart and its token; send the token as "
            + "X-Cart-Token on every cart call. The token is shown only here. Optional lines go in at once, each "
            + "checked as adding it would be; one that cannot be added refuses the cart (errors[] names lines[i]).")
    public Response create(@Valid CreateCartRequest request) {
        List<NewLine> lines = request == null || request.lines() == null ? List.of() : request.lines().stream()
                .map(l -> new NewLine(l.variantId(), l.quantity())).toList();
        NewGuestCart created = carts.createGuestCart(request == null ? null : request.currency(), lines);
        return Response.created(URI.create("/v1/carts/current")).entity(created).build();
    }

    @GET
    @Path("current")
    @Operation(summary = "The guest cart with current prices, availability and totals")
    public CartView get(@Parameter(in = ParameterIn.HEADER, required = true) @HeaderParam(TOKEN_HEADER) String token) {
        return carts.view(CartRef.guest(token));
    }

    // ---- Abandoned-cart leads (issue #6) ----
    @PUT
    @Path("current/email")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Attach the shopper's email to the guest cart",
            description = "Lets the shop remind the shopper: a cart with an email that is not checked out within the "
                    + "configured time (abandonedCarts.after) becomes a CRM lead once.")
    public CartView setEmail(@HeaderParam(TOKEN_HEADER) String token,
                             @NotNull @Valid CartRequests.CartEmailRequest request) {
        return carts.setEmail(CartRef.guest(token), request.email());
    }
    // ---- end ----

    @POST
    @Path("current/lines")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a variant (quantities add up)")
    public CartView addLine(@HeaderParam(TOKEN_HEADER) String token, @NotNull @Valid AddLineRequest request) {
        return carts.addLine(CartRef.guest(token), request.variantId(), request.quantity());
    }

    @PATCH
    @Path("current/lines/{variantId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a line's quantity")
    public CartView setQuantity(@HeaderParam(TOKEN_HEADER) String token, @PathParam("variantId") String variantId,
                                @NotNull @Valid SetQuantityRequest request) {
        return carts.setQuantity(CartRef.guest(token), id(variantId), request.quantity());
    }

    @DELETE
    @Path("current/lines/{variantId}")
    @Operation(summary = "Remove a line")
    public CartView removeLine(@HeaderParam(TOKEN_HEADER) String token, @PathParam("variantId") String variantId) {
        return carts.removeLine(CartRef.guest(token), id(variantId));
    }

    @PUT
    @Path("current/shipping")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Choose the destination country and shipping method, to see shipping and tax")
    public CartView shipping(@HeaderParam(TOKEN_HEADER) String token, @NotNull @Valid ShippingRequest request) {
        return carts.setShipping(CartRef.guest(token), request.country(), request.method());
    }

    @PUT
    @Path("current/discount-code")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Apply a discount code (replaces the cart's code)",
            description = "400 discount_code_invalid for an unknown code; 409 promotion_* when it does not apply now.")
    public CartView applyDiscountCode(@HeaderParam(TOKEN_HEADER) String token,
                                      @NotNull @Valid DiscountCodeRequest request) {
        return carts.applyDiscountCode(CartRef.guest(token), request.code());
    }

    @DELETE
    @Path("current/discount-code")
    @Operation(summary = "Remove the discount code")
    public CartView removeDiscountCode(@HeaderParam(TOKEN_HEADER) String token) {
        return carts.removeDiscountCode(CartRef.guest(token));
    }

    static UUID id(String raw) {
        return Ids.parse(raw).orElseThrow(() -> ApiException.notFound("Cart line"));
    }
}
