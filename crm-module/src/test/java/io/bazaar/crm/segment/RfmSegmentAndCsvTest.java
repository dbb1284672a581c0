package io.bazaar.crm.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bazaar.crm.segment.app.SegmentService;
import io.bazaar.crm.segment.domain.RfmSegment;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RfmSegmentAndCsvTest {

    @Test
    void mapping_followsTheDocumentedTable() {
        assertThat(RfmSegment.of(5, 5, 5)).isEqualTo(RfmSegment.CHAMPIONS);
        assertThat(RfmSegment.of(4, 4, 3)).isEqualTo(RfmSegment.LOYAL);
        assertThat(RfmSegment.of(3, 5, 5)).isEqualTo(RfmSegment.LOYAL);
        assertThat(RfmSegment.of(5, 1, 5)).isEqualTo(RfmSegment.NEW);
        assertThat(RfmSegment.of(3, 1, 1)).isEqualTo(RfmSegment.POTENTIAL);
        assertThat(RfmSegment.of(4, 3, 5)).isEqualTo(RfmSegment.POTENTIAL);
        assertThat(RfmSegment.of(2, 3, 1)).isEqualTo(RfmSegment.AT_RISK);
        assertThat(RfmSegment.of(1, 5, 5)).isEqualTo(RfmSegment.AT_RISK);
        assertThat(RfmSegment.of(2, 2, 5)).isEqualTo(RfmSegment.HIBERNATING);
        assertThat(RfmSegment.of(1, 2, 5)).isEqualTo(RfmSegment.LOST);
        assertThatThrownBy(() -> RfmSegment.of(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyScoreCombination_hasExactlyOneBuyerSegment_neverLead() {
        Map<RfmSegment, Integer> seen = new EnumMap<>(RfmSegment.class);
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                for (int m = 1; m <= 5; m++) {
                    seen.merge(RfmSegment.of(r, f, m), 1, Integer::sum);
                }
            }
        }
        assertThat(seen.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(125);
        assertThat(seen).doesNotContainKey(RfmSegment.LEAD).hasSize(7);
    }

    @Test
    void csvCells_areQuotedWhenNeeded_andFormulasDefused() {
        assertThat(SegmentService.csv(null)).isEmpty();
        assertThat(SegmentService.csv("Ada")).isEqualTo("Ada");
        assertThat(SegmentService.csv("Karimi, Ali")).isEqualTo("\"Karimi, Ali\"");
        assertThat(SegmentService.csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(SegmentService.csv("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(SegmentService.csv("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(SegmentService.csv("+98 912")).isEqualTo("\"'+98 912\"");
        assertThat(SegmentService.csv("کریمی")).isEqualTo("کریمی");
    }
}
