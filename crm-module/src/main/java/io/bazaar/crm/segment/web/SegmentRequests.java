package io.bazaar.crm.segment.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the segment endpoints. Rules are validated by {@code SegmentRules} (422 with field paths). */
public final class SegmentRequests {
    private SegmentRequests() {
    }

    public record CreateSegmentRequest(@NotNull @Size(min = 1, max = 100) String name, @NotNull JsonNode rules) {
    }

    /** Absent fields stay as they are. */
    public record UpdateSegmentRequest(@Size(min = 1, max = 100) String name, JsonNode rules) {
    }

    public record SettingsRequest(@NotNull String rfmCurrency, @NotNull Integer capMaxMessages,
                                  @NotNull Integer capWindowDays) {
    }
}
