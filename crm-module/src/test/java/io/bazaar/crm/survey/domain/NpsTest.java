package io.bazaar.crm.survey.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NpsTest {
    @Test
    void npsIsPercentPromotersMinusPercentDetractors_handComputed() {
        // 3 promoters, 1 passive, 3 detractors of 7: 42.857 - 42.857 = 0.0
        assertThat(Nps.ofScores(List.of(10, 9, 9, 7, 6, 0, 3)).score()).isEqualTo(0.0);
        // 2 promoters, 0 passives, 1 detractor of 3: 66.67 - 33.33 = 33.3
        assertThat(Nps.ofScores(List.of(10, 9, 1)).score()).isEqualTo(33.3);
        assertThat(Nps.ofScores(List.of(0, 6)).score()).isEqualTo(-100.0);
        assertThat(Nps.ofScores(List.of()).score()).isNull();
    }

    @Test
    void detractorsAreNpsUpToSixAndCsatUpToTwo() {
        assertThat(Nps.isDetractor(QuestionKind.NPS, 6)).isTrue();
        assertThat(Nps.isDetractor(QuestionKind.NPS, 7)).isFalse();
        assertThat(Nps.isDetractor(QuestionKind.CSAT, 2)).isTrue();
        assertThat(Nps.isDetractor(QuestionKind.CSAT, 3)).isFalse();
    }
}
