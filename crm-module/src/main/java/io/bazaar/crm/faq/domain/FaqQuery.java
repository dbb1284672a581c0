package io.bazaar.crm.faq.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a search or ticket subject into words. Letter and digit variants (ي/ی, ك/ک, ۰-۹/٠-٩/0-9)
 * are folded by the database's {@code crm_fold} on both the entry and each word, so this only cuts:
 * at anything that is neither a letter, a digit nor a zero-width non-joiner (which Persian uses
 * inside words and which is removed before matching).
 */
public final class FaqQuery {
    /** Words this short carry little meaning in a ticket subject ("my", "از", "is"). */
    private static final int MIN_SUGGESTION_WORD = 3;
    private static final int MAX_WORDS = 12;

    private FaqQuery() {
    }

    public static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                w.append(Character.toLowerCase(c));
            } else if (c == '\u200C' || Character.getType(c) == Character.NON_SPACING_MARK) {
                // inside a word: the joiner and harakat do not split it
                continue;
            } else if (!w.isEmpty()) {
                out.add(w.toString());
                w.setLength(0);
            }
        }
        if (!w.isEmpty()) {
            out.add(w.toString());
        }
        List<String> all = new ArrayList<>(out);
        return all.size() > MAX_WORDS ? all.subList(0, MAX_WORDS) : all;
    }

    /** The words worth matching for ticket suggestions: at least three letters or any number. */
    public static List<String> suggestionWords(String text) {
        return words(text).stream().filter(w -> w.codePointCount(0, w.length()) >= MIN_SUGGESTION_WORD
                || w.chars().allMatch(Character::isDigit)).toList();
    }

    public static String normalizeLocale(String locale) {
        return locale == null ? null : locale.toLowerCase(Locale.ROOT);
    }
}
