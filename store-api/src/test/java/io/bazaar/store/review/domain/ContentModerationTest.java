package io.bazaar.store.review.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.bazaar.shared.moderation.ModerationFilter;
import io.bazaar.store.catalog.app.CatalogViews.RatingView;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentModerationTest {
    final ModerationFilter filter = new ModerationFilter(List.of("idiot", "کلاهبردار", "rip off"));

    @Test
    void blockedWordsAreHeldWithTheWord_whateverTheCaseOrLetterVariant() {
        ContentModeration m = new ContentModeration(filter, true, true);
        assertThat(m.assess("Great", "The seller is an IDIOT")).isEqualTo(
                new ContentModeration.Verdict(ModerationStatus.PENDING, "blocked_word: idiot"));
        assertThat(m.assess("فروشنده كلاهبردار است", null).flagReason()).isEqualTo("blocked_word: کلاهبردار");
        assertThat(m.assess("A total rip-off").flagReason()).isEqualTo("blocked_word: rip off");
        assertThat(m.assess("idiotic design").status()).isEqualTo(ModerationStatus.APPROVED);
    }

    @Test
    void linksAreHeldWhenConfigured_cleanTextFollowsAutoApprove() {
        assertThat(new ContentModeration(filter, true, true).assess("see https://x.example").flagReason())
                .isEqualTo("contains_link");
        assertThat(new ContentModeration(filter, true, true).assess("WWW.shop.example").flagReason())
                .isEqualTo("contains_link");
        assertThat(new ContentModeration(filter, true, false).assess("see https://x.example").status())
                .isEqualTo(ModerationStatus.APPROVED);
        assertThat(new ContentModeration(filter, false, true).assess("Lovely"))
                .isEqualTo(new ContentModeration.Verdict(ModerationStatus.PENDING, null));
        assertThat(new ContentModeration(filter, true, true).assess("Lovely", "Works as described"))
                .isEqualTo(new ContentModeration.Verdict(ModerationStatus.APPROVED, null));
    }

    @Test
    void ratingAverageIsRoundedHalfUpToTwoDecimals_andNullWithoutReviews() {
        assertThat(RatingView.of(3, 11, 0, 1, 0, 1, 1).average()).isEqualByComparingTo(new BigDecimal("3.67"));
        assertThat(RatingView.of(3, 10, 1, 0, 0, 1, 1).average()).isEqualByComparingTo(new BigDecimal("3.33"));
        assertThat(RatingView.of(8, 36, 0, 0, 0, 4, 4).average()).isEqualByComparingTo(new BigDecimal("4.50"));
        assertThat(RatingView.NONE.average()).isNull();
        assertThat(RatingView.NONE.distribution()).containsOnlyKeys("1", "2", "3", "4", "5");
    }
}
