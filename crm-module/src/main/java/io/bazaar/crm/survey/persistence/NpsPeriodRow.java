package io.bazaar.crm.survey.persistence;

import java.time.Instant;

/** Score counts of one period (a month) for NPS and CSAT questions. */
public record NpsPeriodRow(Instant period, long promoters, long passives, long detractors, long csatAnswers,
                           long csatSatisfied, long csatSum) {
}
