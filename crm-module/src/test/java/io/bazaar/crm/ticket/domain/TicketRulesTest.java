package io.bazaar.crm.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.bazaar.shared.moderation.ModerationFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TicketRulesTest {
    @Nested
    class Statuses {
        @Test
        void closedIsFinal_andResolvedCanOnlyReopenOrClose() {
            assertThat(TicketStatus.CLOSED.allowedNext()).isEmpty();
            assertThat(TicketStatus.RESOLVED.allowedNext()).containsExactlyInAnyOrder(TicketStatus.OPEN, TicketStatus.CLOSED);
            assertThat(TicketStatus.NEW.canMoveTo(TicketStatus.NEW)).isFalse();
            assertThat(TicketStatus.fromWire("waiting_on_customer")).isEqualTo(TicketStatus.WAITING_ON_CUSTOMER);
            assertThat(TicketStatus.fromWire("WAITING")).isNull();
        }
    }

    @Nested
    class Sla {
        @Test
        void dueTimesFollowThePriority_andConfiguredTargetsOverrideDefaults() {
            Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
            SlaPolicy policy = new SlaPolicy(Map.of(TicketPriority.LOW,
                    new SlaPolicy.Target(Duration.ofHours(48), Duration.ofHours(96))));
            assertThat(policy.dueTimes(TicketPriority.HIGH, t0))
                    .isEqualTo(new SlaPolicy.DueTimes(t0.plusSeconds(4 * 3600), t0.plusSeconds(24 * 3600)));
            assertThat(policy.dueTimes(TicketPriority.LOW, t0).resolutionDueAt()).isEqualTo(t0.plus(Duration.ofHours(96)));
            assertThat(policy.target(TicketPriority.URGENT).firstResponse()).isEqualTo(Duration.ofHours(1));
        }
    }

    @Nested
    class Moderation {
        ModerationFilter filter = new ModerationFilter(List.of("idiot", "کلاهبردار", "rip off"));

        @Test
        void flagsWholeWordsAndPhrases_caseAndLetterVariantsInsensitive() {
            assertThat(filter.isAbusive("You IDIOT!")).isTrue();
            assertThat(filter.isAbusive("what a rip-off")).isTrue();
            assertThat(filter.isAbusive("شما كلاهبردار هستید")).isTrue(); // Arabic kaf
            assertThat(filter.isAbusive("idiotic design")).isFalse();
            assertThat(filter.isAbusive("a polite note")).isFalse();
            assertThat(new ModerationFilter(List.of()).isAbusive("idiot")).isFalse();
        }
    }
}
