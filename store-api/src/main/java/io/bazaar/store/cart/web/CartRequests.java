package io.bazaar.store.cart.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Request bodies of the cart endpoints. None of them carries a price or a total: the server computes those. */
public final class CartRequests {
    private CartRequests() {
    }

    /** Optional currency and first lines (the item the shopper just added, say); a variant named twice adds up. */
    public record CreateCartRequest(
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as IRR, EUR or KWD") String currency,
            @Size(max = MAX_NEW_LINES, message = "at most " + MAX_NEW_LINES + " lines")
            List<@NotNull @Valid AddLineRequest> lines) {
    }

    /** How many lines a new cart may be created with. */
    public static final int MAX_NEW_LINES = 100;

    public record AddLineRequest(@NotNull UUID variantId, @NotNull @Min(1) @Max(999) Integer quantity) {
    }

    public record SetQuantityRequest(@NotNull @Min(1) @Max(999) Integer quantity) {
    }

    public record ShippingRequest(
            @NotNull @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as IR") String country,
            @Size(max = 64) String method) {
    }

    public record MergeRequest(@NotBlank @Size(max = 100) String cartToken) {
    }

    /** Only the code: what it takes off is always computed by the server. */
    public record DiscountCodeRequest(@NotBlank @Size(max = 64) String code) {
    }

    /** Points to redeem on my cart: a number of points, or {@code "max": true} for as many as allowed (issue #8). */
    public record RedeemPointsRequest(@Min(1) Long points, Boolean max) {
    }
    // ---- Abandoned-cart leads (issue #6) ----
    public record CartEmailRequest(@NotBlank @jakarta.validation.constraints.Email @Size(max = 254) String email) {
    }
    // ---- end ----
}
