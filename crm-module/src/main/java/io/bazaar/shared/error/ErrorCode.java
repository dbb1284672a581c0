package io.bazaar.shared.error;

/**
 * Every expected business failure the API can answer, with its HTTP status and stable machine code.
 * Clients switch on {@link #code()}; the code never changes once published (see docs/ERRORS.md).
 */
public enum ErrorCode {
    VALIDATION_FAILED(400, "validation_failed", "The request is not valid"),
    MALFORMED_JSON(400, "malformed_json", "The request body is not valid JSON"),
    UNKNOWN_FIELD(400, "unknown_field", "The request body has a field this endpoint does not accept"),
    INVALID_FIELD_TYPE(400, "invalid_field_type", "A field has the wrong type"),
    BAD_REQUEST(400, "bad_request", "Bad request"),
    INVALID_IDEMPOTENCY_KEY(400, "invalid_idempotency_key", "The Idempotency-Key header is not valid"),
    WEAK_PASSWORD(400, "weak_password", "The password does not meet the password policy"),
    INVALID_CURSOR(400, "invalid_cursor", "The pagination cursor is not valid"),
    INVALID_SURVEY_LINK(400, "invalid_survey_link", "The survey link is not valid or has expired"),
    INVALID_UNSUBSCRIBE_TOKEN(400, "invalid_unsubscribe_token", "The unsubscribe link is not valid or has expired"),
    UNAUTHENTICATED(401, "unauthenticated", "Authentication is required"),
    INVALID_CREDENTIALS(401, "invalid_credentials", "Email or password is incorrect"),
    FORBIDDEN(403, "forbidden", "You are not allowed to do this"),
    NOT_FOUND(404, "not_found", "Not found"),
    ROUTE_NOT_FOUND(404, "route_not_found", "No such endpoint"),
    METHOD_NOT_ALLOWED(405, "method_not_allowed", "Method not allowed on this endpoint"),
    NOT_ACCEPTABLE(406, "not_acceptable", "The requested media type cannot be produced"),
    CONFLICT(409, "conflict", "The request conflicts with the current state"),
    EMAIL_TAKEN(409, "email_taken", "An account with this email already exists"),
    // Catalogue.
    VERSION_CONFLICT(409, "version_conflict", "The resource was changed by someone else; reload it and retry"),
    SLUG_TAKEN(409, "slug_taken", "Another resource already uses this slug"),
    SKU_TAKEN(409, "sku_taken", "Another variant already uses this SKU"),
    OUT_OF_STOCK(409, "out_of_stock", "Not enough stock"),
    EXTRA_PAYMENT_PENDING(409, "extra_payment_pending", "The exchange's extra payment has not been received yet"),
    // Cart, checkout and orders.
    CART_EMPTY(409, "cart_empty", "The cart is empty"),
    PRODUCT_UNAVAILABLE(409, "product_unavailable", "A product in the request can no longer be bought"),
    SHIPPING_UNAVAILABLE(409, "shipping_unavailable", "The shipping method is not available for this address"),
    INSUFFICIENT_POINTS(409, "insufficient_points", "Not enough loyalty points"),
    // ---- Loyalty program (issue #8) ----
    POINTS_BELOW_MINIMUM(422, "points_below_minimum", "Fewer points than the smallest redemption"),
    POINTS_ABOVE_MAXIMUM_SHARE(422, "points_above_maximum_share", "The points would pay more of the order than allowed"),
    POINTS_BELOW_MINIMUM_SHARE(422, "points_below_minimum_share", "The points would pay less of the order than required"),
    POINTS_NOT_REDEEMABLE(422, "points_not_redeemable", "Points cannot be redeemed on this cart"),
    REFERRAL_CODE_INVALID(400, "referral_code_invalid", "No customer has this referral code"),
    REFERRAL_NOT_ALLOWED(409, "referral_not_allowed", "This referral code cannot be used by this customer"),
    REFERRAL_DISCOUNT_USED(409, "referral_discount_used", "The first-order referral discount was already used"),
    // ---- end ----
    ILLEGAL_TRANSITION(409, "illegal_transition", "The order cannot change to that state from its current one"),
    // Shipments, returns and refunds (issue #5).
    ORDER_NOT_PAID(409, "order_not_paid", "The order has not been paid, or was cancelled"),
    QUANTITY_UNAVAILABLE(422, "quantity_unavailable", "More units than the order line has left for this"),
    LINE_NOT_RETURNABLE(422, "line_not_returnable", "That order line cannot be returned"),
    RETURN_WINDOW_CLOSED(422, "return_window_closed", "The return window for this delivery has closed"),
    REFUND_EXCEEDS_CAPTURED(409, "refund_exceeds_captured", "The refund would exceed what is left of the payment"),
    REFUND_FAILED(502, "refund_failed", "The payment provider refused or failed the refund"),
    INVALID_SIGNATURE(401, "invalid_signature", "The request signature is missing, stale or wrong"),
    // Promotions.
    DISCOUNT_CODE_INVALID(400, "discount_code_invalid", "No active promotion has this discount code"),
    DISCOUNT_CODE_TAKEN(409, "discount_code_taken", "Another promotion already uses this code"),
    PROMOTION_NOT_STARTED(409, "promotion_not_started", "The promotion has not started yet"),
    PROMOTION_EXPIRED(409, "promotion_expired", "The promotion has ended"),
    PROMOTION_EXHAUSTED(409, "promotion_exhausted", "The discount code has been used up"),
    PROMOTION_CUSTOMER_LIMIT_REACHED(409, "promotion_customer_limit_reached",
            "You have already used this discount code as often as allowed"),
    PROMOTION_NOT_APPLICABLE(409, "promotion_not_applicable", "The promotion does not apply to this cart"),
    PAYMENT_PROVIDER_UNAVAILABLE(400, "payment_provider_unavailable", "That payment provider is not enabled"),
    // Payments (Stripe).
    INVALID_WEBHOOK_SIGNATURE(400, "invalid_webhook_signature",
            "The webhook's signature is missing, does not match the body, or is too old"),
    IDEMPOTENCY_REQUEST_IN_PROGRESS(409, "idempotency_request_in_progress",
            "A request with this Idempotency-Key is still being processed"),
    // After-sales (issue #7).
    ILLEGAL_TICKET_TRANSITION(409, "illegal_ticket_transition",
            "The ticket cannot change to that state from its current one"),
    TICKET_CLOSED(409, "ticket_closed", "The ticket is closed"),
    CSAT_NOT_AVAILABLE(409, "csat_not_available", "The satisfaction question opens when the ticket is resolved"),
    ALREADY_ANSWERED(409, "already_answered", "This question or survey was already answered"),
    // ---- Reviews and questions (issue #7, part 5) ----
    REVIEW_REQUIRES_PURCHASE(403, "review_requires_purchase",
            "Only customers who received this product can review it"),
    REVIEW_EXISTS(409, "review_exists", "You have already reviewed this product; edit that review instead"),
    ALREADY_MODERATED(409, "already_moderated", "The content already has that moderation status"),
    // ---- end reviews ----
    // ---- Segments and campaigns (issue #8) ----
    INVALID_SEGMENT_RULE(422, "invalid_segment_rule", "A segment rule is not valid"),
    // ---- end ----
    // ---- Early access (issue #8, tiers) ----
    EARLY_ACCESS_ONLY(403, "early_access_only",
            "Until its early-access window ends, only members whose tier has early access can buy this product"),
    // ---- end early access ----
    PAYLOAD_TOO_LARGE(413, "payload_too_large", "The request body is too large"),
    URI_TOO_LONG(414, "uri_too_long", "The request URI is too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", "The request content type is not supported"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency_key_reused",
            "This Idempotency-Key was already used with a different request"),
    RATE_LIMITED(429, "rate_limited", "Too many requests"),
    HEADERS_TOO_LARGE(431, "headers_too_large", "The request headers are too large"),
    INTERNAL_ERROR(500, "internal_error", "Internal server error"),
    SERVICE_UNAVAILABLE(503, "service_unavailable", "The service is temporarily unavailable");

    private final int status;
    private final String code;
    private final String title;

    ErrorCode(int status, String code, String title) {
        this.status = status;
        this.code = code;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }
}
