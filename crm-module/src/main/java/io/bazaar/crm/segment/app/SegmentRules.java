package io.bazaar.crm.segment.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.bazaar.crm.segment.domain.RfmSegment;
import io.bazaar.crm.segment.domain.SegmentCondition;
import io.bazaar.crm.segment.domain.SegmentCondition.Comparison;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.error.FieldError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The rule language of dynamic segments (docs/SEGMENTS.md): a list of conditions, all of which must hold.
 * Parsing is strict: unknown fields, operators or keys, wrong types and out-of-range values are each a
 * {@code 422 invalid_segment_rule} naming the offending {@code rules[i].key}.
 */
public final class SegmentRules {
    public static final int MAX_CONDITIONS = 20;
    private static final Map<String, Set<String>> KEYS = Map.of(
            "net_spend", Set.of("field", "op", "value", "currency"),
            "order_count", Set.of("field", "op", "value"),
            "last_order_days", Set.of("field", "op", "value"),
            "category", Set.of("field", "value"),
            "tag", Set.of("field", "value"),
            "consent", Set.of("field", "channel", "purpose"),
            "customer_type", Set.of("field", "value"),
            "rfm_segment", Set.of("field", "value"),
            "tier", Set.of("field", "value"));

    private SegmentRules() {
    }

    public static List<SegmentCondition> parse(JsonNode rules) {
        List<FieldError> errors = new ArrayList<>();
        List<SegmentCondition> out = new ArrayList<>();
        if (rules == null || !rules.isArray() || rules.isEmpty()) {
            throw invalid(List.of(new FieldError("rules", "must be a non-empty list of conditions")));
        }
        if (rules.size() > MAX_CONDITIONS) {
            throw invalid(List.of(new FieldError("rules", "at most " + MAX_CONDITIONS + " conditions")));
        }
        for (int i = 0; i < rules.size(); i++) {
            String at = "rules[" + i + "]";
            JsonNode c = rules.get(i);
            if (!c.isObject()) {
                errors.add(new FieldError(at, "must be an object"));
                continue;
            }
            String field = c.path("field").isTextual() ? c.get("field").asText() : null;
            if (field == null || !KEYS.containsKey(field)) {
                errors.add(new FieldError(at + ".field", "must be one of " + String.join(", ", KEYS.keySet().stream()
                        .sorted().toList())));
                continue;
            }
            boolean ok = true;
            for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!KEYS.get(field).contains(key)) {
                    errors.add(new FieldError(at + "." + key, "is not a key of a " + field + " condition"));
                    ok = false;
                }
            }
            if (!ok) {
                continue;
            }
            try {
                out.add(condition(field, c, at));
            } catch (RuleError e) {
                errors.add(new FieldError(e.field, e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return List.copyOf(out);
    }

    private static SegmentCondition condition(String field, JsonNode c, String at) {
        return switch (field) {
            case "net_spend" -> {
                String currency = text(c, "currency", at);
                if (!currency.matches("[A-Z]{3}")) {
                    throw new RuleError(at + ".currency", "must be an ISO 4217 code such as IRR or EUR");
                }
                yield new SegmentCondition.NetSpend(op(c, at, false), count(c, "value", at, Long.MAX_VALUE), currency);
            }
            case "order_count" -> new SegmentCondition.OrderCount(op(c, at, true), count(c, "value", at, 1_000_000));
            case "last_order_days" -> new SegmentCondition.LastOrderDays(op(c, at, false),
                    count(c, "value", at, 36_500));
            case "category" -> {
                JsonNode v = c.get("value");
                if (v == null || !v.isArray() || v.isEmpty() || v.size() > 100) {
                    throw new RuleError(at + ".value", "must be a list of 1 to 100 category ids");
                }
                List<UUID> ids = new ArrayList<>();
                for (JsonNode id : v) {
                    try {
                        ids.add(UUID.fromString(id.isTextual() ? id.asText() : ""));
                    } catch (IllegalArgumentException e) {
                        throw new RuleError(at + ".value", "must contain category ids (UUIDs)");
                    }
                }
                yield new SegmentCondition.CategoryBought(ids);
            }
            case "tag" -> {
                String tag = text(c, "value", at).strip();
                if (tag.isEmpty() || tag.length() > 64) {
                    throw new RuleError(at + ".value", "must be a tag of 1 to 64 characters");
                }
                yield new SegmentCondition.Tag(tag);
            }
            case "consent" -> {
                String channel = text(c, "channel", at);
                String purpose = text(c, "purpose", at);
                if (!Set.of("email", "sms").contains(channel)) {
                    throw new RuleError(at + ".channel", "must be email or sms");
                }
                if (!Set.of("marketing", "surveys", "order_updates").contains(purpose)) {
                    throw new RuleError(at + ".purpose", "must be marketing, surveys or order_updates");
                }
                yield new SegmentCondition.ConsentGranted(channel, purpose);
            }
            case "customer_type" -> {
                String type = text(c, "value", at);
                if (!Set.of("individual", "business").contains(type)) {
                    throw new RuleError(at + ".value", "must be individual or business");
                }
                yield new SegmentCondition.CustomerTypeIs(type);
            }
            case "tier" -> {
                String tier = text(c, "value", at);
                if (!tier.matches("[a-z0-9_-]{1,32}")) {
                    throw new RuleError(at + ".value", "must be a tier code such as silver or gold");
                }
                yield new SegmentCondition.InTier(tier);
            }
            case "rfm_segment" -> {
                RfmSegment s = RfmSegment.fromWire(text(c, "value", at));
                if (s == null) {
                    throw new RuleError(at + ".value", "must be one of champions, loyal, potential, new, at_risk, "
                            + "hibernating, lost, lead");
                }
                yield new SegmentCondition.InRfmSegment(s);
            }
            default -> throw new IllegalStateException("unhandled segment field " + field);
        };
    }

    private static Comparison op(JsonNode c, String at, boolean allowEq) {
        String op = text(c, "op", at);
        return switch (op) {
            case "gte" -> Comparison.GTE;
            case "lte" -> Comparison.LTE;
            case "eq" -> {
                if (!allowEq) {
                    throw new RuleError(at + ".op", "must be gte or lte");
                }
                yield Comparison.EQ;
            }
            default -> throw new RuleError(at + ".op", allowEq ? "must be gte, lte or eq" : "must be gte or lte");
        };
    }

    private static String text(JsonNode c, String key, String at) {
        JsonNode v = c.get(key);
        if (v == null || !v.isTextual()) {
            throw new RuleError(at + "." + key, "is required and must be a string");
        }
        return v.asText();
    }

    private static long count(JsonNode c, String key, String at, long max) {
        JsonNode v = c.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0 || v.asLong() > max) {
            throw new RuleError(at + "." + key, "is required and must be a whole number from 0 to " + max);
        }
        return v.asLong();
    }

    static ApiException invalid(List<FieldError> errors) {
        return new ApiException(ErrorCode.INVALID_SEGMENT_RULE, "The segment rules are not valid: " + errors.stream()
                .map(e -> e.field() + " " + e.message()).reduce((a, b) -> a + "; " + b).orElse(""), errors);
    }

    private static final class RuleError extends RuntimeException {
        private final String field;

        RuleError(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }
}
