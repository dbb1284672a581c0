package io.bazaar.store.catalog.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/** URL slugs: lower-case letters (any script), digits and single hyphens. */
public final class Slugs {
    private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N}]+(-[\\p{L}\\p{N}]+)*");

    private Slugs() {
    }

    public static boolean isValid(String slug) {
        return slug != null && slug.length() <= 200 && VALID.matcher(slug).matches()
                && slug.equals(slug.toLowerCase(Locale.ROOT));
    }

    /** A slug derived from a title: "Galaxy S24 Ultra!" becomes "galaxy-s24-ultra"; Persian letters are kept. */
    public static String fromTitle(String title) {
        String s = SearchText.normalize(title).replace(' ', '-');
        if (s.length() > 120) {
            s = s.substring(0, 120).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "product" : s;
    }
}
