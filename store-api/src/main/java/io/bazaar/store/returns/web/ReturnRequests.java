package io.bazaar.store.returns.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

public final class ReturnRequests {
    private ReturnRequests() {
    }

    /** {@code replacement_variant_id}: ask for this variant instead of money (an exchange). */
    public record ReturnLineRequest(@NotBlank String orderLineId, @NotNull @Min(1) @Max(999) Integer quantity,
                                    String replacementVariantId) {
    }

    public record CreateReturnRequest(
            @NotBlank String orderId,
            @NotEmpty @Size(max = 100) List<@NotNull @Valid ReturnLineRequest> lines,
            @NotBlank @Pattern(regexp = "damaged|defective|wrong_item|not_as_described|too_small|too_large"
                    + "|no_longer_needed|other", message = "must be one of damaged, defective, wrong_item, "
                    + "not_as_described, too_small, too_large, no_longer_needed, other") String reasonCode,
            @Size(max = 2000) String comment) {
    }

    /** A guest's return: the order is the one in the path, reached with its access token. */
    public record GuestReturnRequest(
            @NotEmpty @Size(max = 100) List<@NotNull @Valid ReturnLineRequest> lines,
            @NotBlank @Pattern(regexp = "damaged|defective|wrong_item|not_as_described|too_small|too_large"
                    + "|no_longer_needed|other", message = "must be one of damaged, defective, wrong_item, "
                    + "not_as_described, too_small, too_large, no_longer_needed, other") String reasonCode,
            @Size(max = 2000) String comment) {
    }

    public record DecisionRequest(@Size(max = 2000) String message) {
    }

    public record RejectionRequest(@NotBlank @Size(max = 2000) String message) {
    }

    public record ReceiptLineRequest(@NotBlank String orderLineId, @NotNull @Min(0) @Max(999) Integer restocked,
                                     @NotNull @Min(0) @Max(999) Integer damaged) {
    }

    public record ReceiptRequest(@NotEmpty @Size(max = 100) List<@NotNull @Valid ReceiptLineRequest> lines) {
    }

    public record ReturnRefundRequest(Boolean includeShipping) {
    }

    /** {@code reference}: the bank transfer or receipt number, kept for staff. */
    public record ExtraPaymentRequest(@Size(max = 200) String reference) {
    }

    public record ReplacementShipmentRequest(
            @NotBlank @Size(max = 100) String carrier,
            @NotBlank @Size(max = 100) String trackingNumber,
            @Size(max = 500) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL") String trackingUrl) {
    }
}
