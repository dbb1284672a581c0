package io.bazaar.crm.consent.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bazaar.crm.consent.domain.Consent;
import io.bazaar.crm.consent.domain.ConsentChange;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the consent endpoints. */
public final class ConsentRequests {
    private ConsentRequests() {
    }

    public record ConsentItem(
            @NotNull @Pattern(regexp = "email|sms", message = "must be email or sms") String channel,
            @NotNull @Pattern(regexp = "marketing|surveys|order_updates",
                    message = "must be marketing, surveys or order_updates") String purpose,
            @NotNull Boolean granted) {
    }

    public record UpdateConsentsRequest(@NotEmpty @Size(max = 6) List<@Valid @NotNull ConsentItem> consents) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ConsentResponse(String channel, String purpose, boolean granted, String source, String policyVersion,
                                  Instant updatedAt) {
        public static ConsentResponse of(Consent c) {
            return new ConsentResponse(c.channel().dbValue(), c.purpose().dbValue(), c.granted(), c.source(),
                    c.policyVersion(), c.updatedAt());
        }
    }

    public record ConsentChangeResponse(UUID id, String channel, String purpose, boolean granted, String source,
                                        String policyVersion, Instant occurredAt) {
        public static ConsentChangeResponse of(ConsentChange c) {
            return new ConsentChangeResponse(c.id(), c.channel().dbValue(), c.purpose().dbValue(), c.granted(),
                    c.source(), c.policyVersion(), c.occurredAt());
        }
    }

    public record ConsentsResponse(String policyVersion, List<ConsentResponse> consents,
                                   List<ConsentChangeResponse> history) {
    }

    public record UnsubscribeResponse(boolean unsubscribed, String channel, String purpose) {
    }
}
