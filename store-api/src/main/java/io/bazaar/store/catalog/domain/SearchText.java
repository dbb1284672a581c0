package io.bazaar.store.catalog.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one normalisation applied to product text when it is indexed and to every search query, so
 * both sides agree on what "the same letter" is:
 * <ul>
 *   <li>Arabic yeh/alef maksura (ي ى) become Persian yeh (ی); Arabic kaf (ك) becomes Persian keheh (ک);
 *       teh marbuta (ة) becomes heh (ه);</li>
 *   <li>Persian (۰-۹) and Arabic-Indic (٠-٩) digits become ASCII 0-9;</li>
 *   <li>zero-width non-joiner and joiner, tatweel, soft hyphen and BOM are removed, so
 *       "کتاب‌ها" (with ZWNJ) and "کتابها" are one word;</li>
 *   <li>text is decomposed (NFKD) and combining marks are dropped: Arabic harakat, the madda
 *       of آ and Latin accents (é = e) all disappear;</li>
 *   <li>lower case (ROOT locale); anything that is not a letter or digit separates words.</li>
 * </ul>
 */
public final class SearchText {
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private SearchText() {
    }

    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            switch (c) {
                case '\u064A', '\u0649' -> out.append('\u06CC');
                case '\u0643' -> out.append('\u06A9');
                case '\u0629' -> out.append('\u0647');
                case '\u200C', '\u200D', '\u0640', '\u00AD', '\uFEFF' -> {
                    // invisible joiners and tatweel carry no meaning for search
                }
                default -> {
                    if (c >= '\u06F0' && c <= '\u06F9') {
                        out.append((char) ('0' + (c - '\u06F0')));
                    } else if (c >= '\u0660' && c <= '\u0669') {
                        out.append((char) ('0' + (c - '\u0660')));
                    } else if (Character.getType(c) == Character.NON_SPACING_MARK
                            || Character.getType(c) == Character.ENCLOSING_MARK
                            || Character.getType(c) == Character.COMBINING_SPACING_MARK) {
                        // harakat, madda, accents
                    } else if (Character.isLetterOrDigit(c)) {
                        out.append(c);
                    } else {
                        out.append(' ');
                    }
                }
            }
        }
        return SPACES.matcher(out.toString().toLowerCase(Locale.ROOT).trim()).replaceAll(" ");
    }

    /** Distinct words of the normalised text, in order of first appearance. */
    public static List<String> words(String text) {
        String normalized = normalize(text);
        if (normalized.isEmpty()) {
            return List.of();
        }
        Set<String> words = new LinkedHashSet<>(List.of(normalized.split(" ")));
        return new ArrayList<>(words);
    }

    /**
     * Optimal string alignment distance (Levenshtein plus adjacent transposition), so "iphnoe" is one
     * edit from "iphone". Used to accept a trigram neighbour as a plausible typo.
     */
    public static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * Edits tolerated for a query word of this length: none for short words, then 1, then 2. Words with
     * a digit (model numbers, SKUs, sizes) get none: "48213" is not a misspelling of "48312", and
     * correcting it would search for another product.
     */
    public static int typoBudget(String word) {
        if (hasDigit(word)) {
            return 0;
        }
        int n = word.codePointCount(0, word.length());
        return n < 4 ? 0 : n < 8 ? 1 : 2;
    }

    /** Whether a word belongs in the typo lexicon: letters only, 3 to 60 long (see {@link #typoBudget}). */
    public static boolean lexiconWord(String word) {
        return word.length() >= 3 && word.length() <= 60 && !hasDigit(word);
    }

    private static boolean hasDigit(String word) {
        return word.chars().anyMatch(c -> c >= '0' && c <= '9');
    }
}
