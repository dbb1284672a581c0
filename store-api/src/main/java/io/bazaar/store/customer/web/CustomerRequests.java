package io.bazaar.store.customer.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bazaar.store.customer.domain.Customer;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** Request and response bodies of the customer account endpoints. */
public final class CustomerRequests {
    static final String PHONE = "^$|^\\+?[0-9 ()-]{6,20}$";
    static final String LOCALE = "^[a-z]{2}(-[A-Z]{2})?$";

    private CustomerRequests() {
    }

    public record RegisterCustomerRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(max = 128) String password,
            @Size(max = 200) String name,
            @Pattern(regexp = PHONE, message = "must be a phone number such as +98 912 345 6789") String phone,
            @Pattern(regexp = LOCALE, message = "must be a language tag such as fa or en-GB") String locale) {
    }

    public record SignInRequest(@NotBlank @Size(max = 254) String email, @NotNull @Size(max = 1024) String password) {
    }

    public record UpdateProfileRequest(
            @Size(max = 200) String name,
            @Pattern(regexp = PHONE, message = "must be a phone number such as +98 912 345 6789") String phone,
            @Pattern(regexp = LOCALE, message = "must be a language tag such as fa or en-GB") String locale) {
    }

    public record ChangePasswordRequest(@NotNull @Size(max = 1024) String currentPassword,
                                        @NotNull @Size(max = 128) String newPassword) {
    }

    public record CustomerResponse(UUID id, String email, String name, String phone, String locale,
                                   Instant createdAt, Instant updatedAt) {
        static CustomerResponse of(Customer c) {
            return new CustomerResponse(c.id(), c.email(), c.name(), c.phone(), c.locale(), c.createdAt(), c.updatedAt());
        }
    }

    public record SessionResponse(String token, @JsonProperty("token_type") String tokenType, Instant expiresAt) {
    }
}
