package io.bazaar.store.review.app;

import java.util.List;

/**
 * Moderation of reviews, questions and answers.
 *
 * @param autoApproveClean publish text the automatic filter finds clean at once (true), or hold all of it for
 *                         staff (false); flagged text is always held
 * @param blockedWords     words or phrases that hold text for staff (whole words, case and Persian/Arabic
 *                         letter variants folded)
 * @param holdLinks        hold text containing a link (http://, https://, www.)
 */
public record CommunitySettings(boolean autoApproveClean, List<String> blockedWords, boolean holdLinks) {
    public CommunitySettings {
        blockedWords = List.copyOf(blockedWords);
    }
}
