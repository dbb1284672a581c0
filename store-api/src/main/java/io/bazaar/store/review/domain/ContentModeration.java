package io.bazaar.store.review.domain;

import io.bazaar.shared.moderation.ModerationFilter;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The automatic first pass over customer text (reviews, questions, answers). Text with a blocked word,
 * or (when configured) a link, is held as {@code pending} with the reason, for staff to decide. Clean
 * text is published at once when {@code autoApproveClean}, otherwise it waits for staff too.
 */
public final class ContentModeration {
    /** Links are how review spam advertises; "www." and scheme-prefixed URLs are held. */
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");

    private final ModerationFilter filter;
    private final boolean autoApproveClean;
    private final boolean holdLinks;

    public ContentModeration(ModerationFilter filter, boolean autoApproveClean, boolean holdLinks) {
        this.filter = Objects.requireNonNull(filter);
        this.autoApproveClean = autoApproveClean;
        this.holdLinks = holdLinks;
    }

    /** @param flagReason null when the filter found nothing */
    public record Verdict(ModerationStatus status, String flagReason) {
        public Verdict {
            Objects.requireNonNull(status);
        }
    }

    /** Judges all the given texts together (e.g. a review's title and body); nulls are ignored. */
    public Verdict assess(String... texts) {
        for (String text : texts) {
            Optional<String> word = filter.firstBlocked(text);
            if (word.isPresent()) {
                return new Verdict(ModerationStatus.PENDING, "blocked_word: " + word.get());
            }
        }
        if (holdLinks) {
            for (String text : texts) {
                if (text != null && LINK.matcher(text).find()) {
                    return new Verdict(ModerationStatus.PENDING, "contains_link");
                }
            }
        }
        return new Verdict(autoApproveClean ? ModerationStatus.APPROVED : ModerationStatus.PENDING, null);
    }
}
