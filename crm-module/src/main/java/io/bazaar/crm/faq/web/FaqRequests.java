package io.bazaar.crm.faq.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

public final class FaqRequests {
    private FaqRequests() {
    }

    public record CreateCategoryRequest(
            @NotNull @Pattern(regexp = "fa|en", message = "must be fa or en") String locale,
            @NotBlank @Size(max = 200) String name,
            @Min(0) @Max(10000) Integer position) {
    }

    public record UpdateCategoryRequest(@Size(min = 1, max = 200) String name, @Min(0) @Max(10000) Integer position) {
    }

    public record CreateEntryRequest(@NotNull UUID categoryId, @NotBlank @Size(max = 500) String question,
                                     @NotBlank @Size(max = 10000) String answer, Boolean published,
                                     @Min(0) @Max(10000) Integer position) {
    }

    public record UpdateEntryRequest(UUID categoryId, @Size(min = 1, max = 500) String question,
                                     @Size(min = 1, max = 10000) String answer, Boolean published,
                                     @Min(0) @Max(10000) Integer position) {
    }

    public record FeedbackRequest(@NotNull Boolean helpful) {
    }

    public record SolvedRequest(@NotNull UUID entryId) {
    }
}
