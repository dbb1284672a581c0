package io.bazaar.store.review.app;

import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Helpers shared by reviews and questions: public author names, text checks, keyset pages. */
final class CommunityText {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private CommunityText() {
    }

    /**
     * What the public sees of an author: first name and the initial of the last ("Sara A."), never the
     * full name or email. An erased or nameless customer is "Customer".
     */
    static String displayName(String name, String fallback) {
        if (name == null || name.isBlank()) {
            return fallback;
        }
        String[] parts = name.strip().split("\\s+");
        if (parts.length == 1) {
            return parts[0];
        }
        return parts[0] + " " + parts[parts.length - 1].codePoints().limit(1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + ".";
    }

    static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.validation(field, "must not be blank");
        }
        String v = value.strip();
        if (v.codePointCount(0, v.length()) > max) {
            throw ApiException.validation(field, "must be at most " + max + " characters");
        }
        return v;
    }

    static UUID id(String what, String raw) {
        return Ids.parse(raw).orElseThrow(() -> ApiException.notFound(what));
    }

    /** One more row than the page was fetched; its presence means a next page. */
    static <R, V> Page<V> page(List<R> rows, int limit, Function<R, V> view, Function<R, Cursor> cursorOf) {
        List<R> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
        String next = rows.size() > limit ? cursorOf.apply(shown.get(limit - 1)).encode() : null;
        return new Page<>(shown.stream().map(view).toList(), next);
    }
}
