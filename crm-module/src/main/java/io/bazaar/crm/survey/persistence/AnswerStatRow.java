package io.bazaar.crm.survey.persistence;

/** How many answers gave one value (a score or a choice) to one question. */
public record AnswerStatRow(String questionKey, String kind, String value, long answers) {
}
