package io.bazaar.crm.survey.domain;

import java.util.Locale;

public enum QuestionKind {
    NPS, CSAT, SINGLE_CHOICE, MULTIPLE_CHOICE, FREE_TEXT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static QuestionKind fromWire(String s) {
        for (QuestionKind k : values()) {
            if (k.wire().equals(s)) {
                return k;
            }
        }
        return null;
    }
}
