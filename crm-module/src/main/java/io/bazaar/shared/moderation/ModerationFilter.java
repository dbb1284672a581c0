package io.bazaar.shared.moderation;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Holds back customer text containing a configured blocked word. Matching is case-insensitive on
 * NFKC-normalised text with Arabic kaf/yeh folded to their Persian forms, and on whole words, so
 * "ass" does not flag "class". Blocked words may be phrases.
 *
 * <p>Shared kernel: CRM tickets and the store's reviews and product questions moderate customer text
 * with the same rules, so a word blocked once is blocked everywhere it is configured.
 */
public final class ModerationFilter {
    private final List<String> blocked;

    public ModerationFilter(List<String> blockedWords) {
        this.blocked = Objects.requireNonNull(blockedWords).stream().filter(w -> w != null && !w.isBlank())
                .map(ModerationFilter::fold).map(w -> w.replaceAll("[^\\p{L}\\p{N}]+", " ").strip())
                .filter(w -> !w.isEmpty()).distinct().toList();
    }

    public boolean isAbusive(String text) {
        return firstBlocked(text).isPresent();
    }

    /** The first configured blocked word or phrase found in {@code text} (folded form), if any. */
    public Optional<String> firstBlocked(String text) {
        if (text == null || blocked.isEmpty()) {
            return Optional.empty();
        }
        String t = " " + fold(text).replaceAll("[^\\p{L}\\p{N}]+", " ") + " ";
        for (String w : blocked) {
            if (t.contains(" " + w + " ")) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replace('ي', 'ی').replace('ى', 'ی').replace('ك', 'ک');
    }
}
