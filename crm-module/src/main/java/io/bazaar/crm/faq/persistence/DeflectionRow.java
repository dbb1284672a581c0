package io.bazaar.crm.faq.persistence;

public record DeflectionRow(long views, long followedByTicket, long markedSolved, long pending) {
}
