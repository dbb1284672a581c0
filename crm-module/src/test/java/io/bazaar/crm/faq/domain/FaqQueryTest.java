package io.bazaar.crm.faq.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FaqQueryTest {
    @Test
    void splitsAtPunctuation_includingPersianMarks_andKeepsZwnjWordsWhole() {
        assertThat(FaqQuery.words("زمان ارسال، سفارش‌ها چقدر است؟")).containsExactly("زمان", "ارسال", "سفارشها", "چقدر",
                "است");
        assertThat(FaqQuery.words("Track  my ORDER!")).containsExactly("track", "my", "order");
        assertThat(FaqQuery.words("?!")).isEmpty();
    }

    @Test
    void suggestionWords_dropShortWords_butKeepNumbers() {
        assertThat(FaqQuery.suggestionWords("my order is 7 days late")).containsExactly("order", "7", "days", "late");
        assertThat(FaqQuery.suggestionWords("از من")).isEmpty();
    }
}
