package io.bazaar.shared.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A page of a keyset-paginated list: pass {@code next_cursor} back as {@code ?cursor=} for the next page. */
public record Page<T>(List<T> data, @JsonProperty("next_cursor") String nextCursor) {
    public Page {
        data = List.copyOf(data);
    }
}
