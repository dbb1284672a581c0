package io.bazaar.crm.ticket.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Request bodies of the ticket endpoints (snake_case on the wire, unknown fields rejected). */
public final class TicketRequests {
    static final String TYPES = "complaint|suggestion|criticism|question";
    static final String PRIORITIES = "urgent|high|normal|low";

    private TicketRequests() {
    }

    public record OpenMyTicketRequest(
            @NotNull @Pattern(regexp = TYPES, message = "must be complaint, suggestion, criticism or question") String type,
            @NotBlank @Size(max = 200) String subject,
            @NotBlank @Size(max = 10_000) String message,
            UUID orderId,
            @Size(max = 40) String orderNumber,
            @Size(max = 100) String productRef) {
    }

    public record OpenTicketForCustomerRequest(
            @NotNull UUID customerId,
            @NotNull @Pattern(regexp = TYPES, message = "must be complaint, suggestion, criticism or question") String type,
            @NotBlank @Size(max = 200) String subject,
            @NotBlank @Size(max = 10_000) String message,
            @Pattern(regexp = PRIORITIES, message = "must be urgent, high, normal or low") String priority,
            @Pattern(regexp = "phone|email|sms|web|mobile|in_person", message = "must be phone, email, sms, web, mobile or in_person")
            String channel,
            UUID orderId,
            @Size(max = 40) String orderNumber,
            @Size(max = 100) String productRef) {
    }

    public record CustomerMessageRequest(@NotBlank @Size(max = 10_000) String body) {
    }

    public record StaffMessageRequest(@NotBlank @Size(max = 10_000) String body, Boolean internal) {
    }

    public record StatusRequest(
            @NotNull @Pattern(regexp = "new|open|waiting_on_customer|resolved|closed",
                    message = "must be new, open, waiting_on_customer, resolved or closed") String status,
            @Size(max = 1000) String note) {
    }

    /** Absent fields stay as they are; {@code unassign: true} removes the assignee. */
    public record UpdateTicketRequest(
            @Pattern(regexp = PRIORITIES, message = "must be urgent, high, normal or low") String priority,
            UUID assigneeId,
            Boolean unassign) {
    }

    public record CsatRequest(@NotNull @Min(1) @Max(5) Integer score, @Size(max = 2000) String comment) {
    }

    public record GoodwillRequest(
            @NotNull @Pattern(regexp = "refund|points", message = "must be refund or points") String kind,
            @NotNull @Positive Long amount,
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
            @NotBlank @Size(max = 1000) String reason) {
    }
}
