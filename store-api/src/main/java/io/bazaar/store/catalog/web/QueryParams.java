package io.bazaar.store.catalog.web;

import io.bazaar.shared.error.ApiException;

/** Typed query parameters parsed here, so "abc" for a number is a 400 naming the parameter, not a 404. */
final class QueryParams {
    private QueryParams() {
    }

    static Long longParam(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiException.validation(name, "must be a whole number");
        }
    }

    static Integer intParam(String name, String raw) {
        Long l = longParam(name, raw);
        if (l != null && (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE)) {
            throw ApiException.validation(name, "is out of range");
        }
        return l == null ? null : l.intValue();
    }

    static Boolean bool(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        return switch (raw) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ApiException.validation(name, "must be true or false");
        };
    }
}
