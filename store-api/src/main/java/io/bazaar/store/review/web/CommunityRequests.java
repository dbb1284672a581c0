package io.bazaar.store.review.web;

import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.store.review.domain.ModerationStatus;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Request bodies of reviews and product questions (snake_case JSON; unknown fields are 400). */
public final class CommunityRequests {
    private CommunityRequests() {
    }

    public record SubmitReviewRequest(@NotNull @Min(1) @Max(5) Integer rating, @NotBlank @Size(max = 200) String title,
                                      @NotBlank @Size(max = 5000) String text) {
    }

    /** Absent fields keep their value; the edited review is moderated again. */
    public record EditReviewRequest(@Min(1) @Max(5) Integer rating, @Size(min = 1, max = 200) String title,
                                    @Size(min = 1, max = 5000) String text) {
    }

    /** {@code version}: when given, the decision applies only to that version of the text (else 409). */
    public record ModerationApprovalRequest(@Size(max = 2000) String message, Integer version) {
    }

    public record ModerationRejectionRequest(@NotBlank @Size(max = 2000) String message, Integer version) {
    }

    public record ProductQuestionRequest(@NotBlank @Size(max = 2000) String text) {
    }

    public record ProductAnswerRequest(@NotBlank @Size(max = 2000) String text) {
    }

    static UUID id(String what, String raw) {
        return Ids.parse(raw).orElseThrow(() -> ApiException.notFound(what));
    }

    static UUID optionalId(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return Ids.parse(raw.strip()).orElseThrow(() -> ApiException.validation(field, "must be an id"));
    }

    static ModerationStatus status(String raw, ModerationStatus fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return ModerationStatus.parse(raw.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("status", e.getMessage());
        }
    }
}
