package io.bazaar.crm.campaign.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/** Request bodies of the campaign and birth-date endpoints. */
public final class CampaignRequests {
    private CampaignRequests() {
    }

    /** Exactly one of a named RFM segment or a dynamic segment id. */
    public record TargetRequest(String rfmSegment, UUID segmentId) {
    }

    /**
     * kind message (default): template + params, email or sms; kind survey: survey_template_id, email.
     * Without send_at (or with one in the past) the campaign is sent at once.
     */
    public record CreateCampaignRequest(@NotNull String name, String kind, @NotNull String channel, String template,
                                        Map<String, String> params, UUID surveyTemplateId,
                                        @NotNull @Valid TargetRequest target, Instant sendAt,
                                        Integer repeatEveryDays) {
    }

    public record BirthDateRequest(LocalDate birthDate) {
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
    public record BirthDateResponse(LocalDate birthDate) {
    }
}
