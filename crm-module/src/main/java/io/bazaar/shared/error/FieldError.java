package io.bazaar.shared.error;

import java.util.Objects;

/** One invalid input: {@code field} is a JSON path such as {@code email} or {@code lines[2].quantity}. */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
