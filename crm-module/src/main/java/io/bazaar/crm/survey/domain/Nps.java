package io.bazaar.crm.survey.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;

/**
 * Net Promoter Score: % promoters (9-10) minus % detractors (0-6) over all answers, from -100 to
 * 100, rounded half-up to one decimal. Passives (7-8) count in the total only.
 */
public record Nps(long promoters, long passives, long detractors, Double score) {

    public static Nps of(long promoters, long passives, long detractors) {
        long n = promoters + passives + detractors;
        Double score = n == 0 ? null : BigDecimal.valueOf((promoters - detractors) * 100L)
                .divide(BigDecimal.valueOf(n), 1, RoundingMode.HALF_UP).doubleValue();
        return new Nps(promoters, passives, detractors, score);
    }

    public static Nps ofScores(Collection<Integer> scores) {
        long p = scores.stream().filter(s -> s >= 9).count();
        long d = scores.stream().filter(s -> s <= 6).count();
        return of(p, scores.size() - p - d, d);
    }

    /** NPS 0-6 or CSAT 1-2: unhappy enough to open a ticket. */
    public static boolean isDetractor(QuestionKind kind, int score) {
        return kind == QuestionKind.NPS ? score <= 6 : kind == QuestionKind.CSAT && score <= 2;
    }
}
