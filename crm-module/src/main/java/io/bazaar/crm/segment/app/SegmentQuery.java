package io.bazaar.crm.segment.app;

import io.bazaar.crm.segment.domain.RfmSegment;
import io.bazaar.crm.segment.domain.SegmentCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A segment compiled to one parameterised SQL predicate over {@code crm_contact c}. The SQL text is built
 * only from constants of this class and the {@link SegmentCondition.Comparison} enum; every value from a
 * rule is a bind parameter ({@code :s0}, {@code :s1}, ...), so no user text ever becomes SQL.
 */
public record SegmentQuery(String where, Map<String, Object> binds) {

    /** Orders that count: paid (or further), not cancelled; refunds are netted per order. */
    static final String COUNTED = "o.customer_id = c.customer_id AND o.status IN ('paid', 'shipped', 'delivered')";

    public SegmentQuery {
        binds = Map.copyOf(binds);
    }

    public static SegmentQuery compile(List<SegmentCondition> conditions, Instant now) {
        List<String> parts = new ArrayList<>();
        Map<String, Object> binds = new HashMap<>();
        parts.add("c.erased_at IS NULL");
        for (SegmentCondition condition : conditions) {
            String p = ":s" + binds.size();
            String name = p.substring(1);
            if (condition instanceof SegmentCondition.NetSpend n) {
                String cur = ":s" + (binds.size() + 1);
                binds.put(name, n.amount());
                binds.put(cur.substring(1), n.currency());
                parts.add("COALESCE((SELECT sum(o.total_amount - o.refunded_amount) FROM crm_order_ledger o WHERE "
                        + COUNTED + " AND o.currency = " + cur + "), 0) " + n.op().sql() + " " + p);
            } else if (condition instanceof SegmentCondition.OrderCount n) {
                binds.put(name, n.count());
                parts.add("(SELECT count(*) FROM crm_order_ledger o WHERE " + COUNTED
                        + " AND o.total_amount > o.refunded_amount) " + n.op().sql() + " " + p);
            } else if (condition instanceof SegmentCondition.LastOrderDays d) {
                // "at least N days ago" means the last order is at or before now - N days, and vice versa.
                binds.put(name, now.minus(Duration.ofDays(d.days())));
                String op = d.op() == SegmentCondition.Comparison.GTE ? "<=" : ">=";
                parts.add("(SELECT max(o.placed_at) FROM crm_order_ledger o WHERE " + COUNTED
                        + " AND o.total_amount > o.refunded_amount) " + op + " " + p);
            } else if (condition instanceof SegmentCondition.CategoryBought b) {
                binds.put(name, b.categoryIds().toArray(UUID[]::new));
                parts.add("EXISTS (SELECT 1 FROM crm_order_ledger o JOIN crm_order_line_ledger lf "
                        + "ON lf.order_id = o.order_id WHERE o.customer_id = c.customer_id AND " + COUNTED
                        + " AND lf.category_ids && CAST(" + p + " AS uuid[]))");
            } else if (condition instanceof SegmentCondition.Tag t) {
                binds.put(name, t.tag());
                parts.add(p + " = ANY (c.tags)");
            } else if (condition instanceof SegmentCondition.ConsentGranted k) {
                String purpose = ":s" + (binds.size() + 1);
                binds.put(name, k.channel());
                binds.put(purpose.substring(1), k.purpose());
                String row = "SELECT 1 FROM crm_consent k WHERE k.subject_id = c.customer_id AND k.channel = " + p
                        + " AND k.purpose = " + purpose;
                // Marketing and surveys are opt-in; order updates are on until withdrawn (as ConsentService).
                parts.add("order_updates".equals(k.purpose()) ? "NOT EXISTS (" + row + " AND NOT k.granted)"
                        : "EXISTS (" + row + " AND k.granted)");
            } else if (condition instanceof SegmentCondition.CustomerTypeIs t) {
                binds.put(name, t.customerType());
                parts.add("c.customer_type = " + p);
            } else if (condition instanceof SegmentCondition.InRfmSegment s) {
                if (s.segment() == RfmSegment.LEAD) {
                    parts.add("NOT EXISTS (SELECT 1 FROM crm_rfm_score r WHERE r.customer_id = c.customer_id)");
                } else {
                    binds.put(name, s.segment().wire());
                    parts.add("EXISTS (SELECT 1 FROM crm_rfm_score r WHERE r.customer_id = c.customer_id "
                            + "AND r.segment = " + p + ")");
                }
            } else if (condition instanceof SegmentCondition.InTier t) {
                binds.put(name, t.tierCode());
                parts.add("EXISTS (SELECT 1 FROM crm_customer_tier t WHERE t.customer_id = c.customer_id "
                        + "AND t.tier = " + p + ")");
            }
        }
        return new SegmentQuery(String.join("\n  AND ", parts), binds);
    }
}
