package io.bazaar.crm.ticket.persistence;

/** Counts behind the SLA compliance report; "met"/"missed" exclude tickets whose target is still ahead. */
public record SlaReportRow(long tickets, long firstResponseMet, long firstResponseMissed, long resolutionMet,
                           long resolutionMissed) {
}
