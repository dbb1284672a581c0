package io.bazaar.crm.survey.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

public final class SurveyRequests {
    private SurveyRequests() {
    }

    public record QuestionRequest(
            @NotBlank @Pattern(regexp = "[a-z][a-z0-9_]{0,39}", message = "must be a snake_case key") String key,
            @NotNull @Pattern(regexp = "nps|csat|single_choice|multiple_choice|free_text",
                    message = "must be nps, csat, single_choice, multiple_choice or free_text") String kind,
            @NotBlank @Size(max = 500) String text,
            @Size(max = 20) List<@NotBlank @Size(max = 200) String> options,
            Boolean required) {
    }

    public record CreateTemplateRequest(
            @NotBlank @Size(max = 200) String name,
            @NotNull @Pattern(regexp = "fa|en", message = "must be fa or en") String locale,
            @NotNull @Size(min = 1, max = 20) List<@NotNull @Valid QuestionRequest> questions) {
    }

    public record SendSurveyRequest(@NotNull UUID templateId, @NotNull UUID customerId, UUID orderId,
                                    @Size(max = 100) String productRef, @Size(max = 100) String categoryRef) {
    }

    public record AnswerRequest(@NotBlank @Size(max = 40) String key, Integer score,
                                @Size(max = 20) List<@NotNull @Size(max = 200) String> choices,
                                @Size(max = 5000) String text) {
    }

    public record AnswersRequest(@NotNull @Size(min = 1, max = 20) List<@NotNull @Valid AnswerRequest> answers) {
    }
}
