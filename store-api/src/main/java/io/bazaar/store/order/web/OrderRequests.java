package io.bazaar.store.order.web;

import io.bazaar.store.order.domain.Address;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;

/**
 * Request bodies of checkout and order endpoints. A body carrying a price, total or status is
 * rejected as an unknown field: those are always computed by the server.
 */
public final class OrderRequests {
    private OrderRequests() {
    }

    public record AddressRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 200) String line1,
            @Size(max = 200) String line2,
            @NotBlank @Size(max = 100) String city,
            @Size(max = 100) String region,
            @Size(max = 20) String postalCode,
            @NotNull @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as IR") String country,
            @Pattern(regexp = "^$|^\\+?[0-9 ()-]{6,20}$", message = "must be a phone number") String phone) {

        Address toDomain() {
            return new Address(name.strip(), line1.strip(), line2, city.strip(), region, postalCode,
                    country.toUpperCase(Locale.ROOT), phone);
        }
    }

    public record CheckoutRequest(
            @Email @Size(max = 254) String email,
            @NotNull @Valid AddressRequest shippingAddress,
            @Valid AddressRequest billingAddress,
            @NotBlank @Size(max = 64) String shippingMethod,
            @NotBlank @Size(max = 32) String paymentProvider,
            @jakarta.validation.constraints.Min(1) Long redeemPoints,
            Boolean redeemMaxPoints) {

        /** Points asked for in the body (issue #8), replacing the cart's request; null: use the cart's. */
        io.bazaar.store.cart.app.CartService.RedeemRequest redeem() {
            if (Boolean.TRUE.equals(redeemMaxPoints)) {
                return new io.bazaar.store.cart.app.CartService.RedeemRequest(null, true);
            }
            return redeemPoints == null ? null : new io.bazaar.store.cart.app.CartService.RedeemRequest(redeemPoints, false);
        }
    }

    public record CancelRequest(@Size(max = 500) String reason) {
    }

    public record NoteRequest(@NotBlank @Size(max = 2000) String body) {
    }
}
