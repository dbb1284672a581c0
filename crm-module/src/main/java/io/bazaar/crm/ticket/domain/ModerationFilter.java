package io.bazaar.crm.ticket.domain;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Holds back customer text containing a configured blocked word. Matching is case-insensitive on
 * NFKC-normalised text with Arabic kaf/yeh folded to their Persian forms, and on whole words, so
 * "ass" does not flag "class". Blocked words may be phrases.
 */
public final class ModerationFilter {
    private final List<String> blocked;

    public ModerationFilter(List<String> blockedWords) {
        this.blocked = Objects.requireNonNull(blockedWords).stream().filter(w -> w != null && !w.isBlank())
                .map(ModerationFilter::fold).toList();
    }

    public boolean isAbusive(String text) {
        if (text == null || blocked.isEmpty()) {
            return false;
        }
        String t = " " + fold(text).replaceAll("[^\\p{L}\\p{N}]+", " ") + " ";
        for (String w : blocked) {
            String word = " " + w.replaceAll("[^\\p{L}\\p{N}]+", " ").strip() + " ";
            if (t.contains(word)) {
                return true;
            }
        }
        return false;
    }

    static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replace('ي', 'ی').replace('ى', 'ی').replace('ك', 'ک');
    }
}
