package io.bazaar.store.fulfilment.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

public final class ShipmentRequests {
    private ShipmentRequests() {
    }

    public record ShipmentLineRequest(@NotBlank String orderLineId, @NotNull @Min(1) @Max(999) Integer quantity) {
    }

    /** {@code lines} omitted or empty: every unit not yet shipped. */
    public record CreateShipmentRequest(
            @NotBlank String orderId,
            @NotBlank @Size(max = 100) String carrier,
            @NotBlank @Size(max = 100) String trackingNumber,
            @Size(max = 500) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL") String trackingUrl,
            @Size(max = 100) List<@NotNull @Valid ShipmentLineRequest> lines) {
    }

    /** What a carrier posts; only {@code delivered} changes anything today, other events are acknowledged. */
    public record CarrierCallbackRequest(
            @NotBlank @Size(max = 100) String carrier,
            @NotBlank @Size(max = 100) String trackingNumber,
            @NotBlank @Pattern(regexp = "in_transit|out_for_delivery|delivered|exception") String event,
            @Size(max = 64) String occurredAt) {
    }
}
