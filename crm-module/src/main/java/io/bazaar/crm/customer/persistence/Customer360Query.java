package io.bazaar.crm.customer.persistence;

import static io.bazaar.shared.db.JdbcReads.instant;
import static io.bazaar.shared.db.JdbcReads.integer;
import static io.bazaar.shared.db.JdbcReads.strings;
import static io.bazaar.shared.db.JdbcReads.uuid;

import io.bazaar.shared.db.JdbcReads;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * The customer 360 in one statement, on the handle's JDBC connection rather than a SqlObject method: it is the
 * staff's hottest read, and Jdbi's per-statement setup and reflective record mapping cost more CPU than the
 * statement itself (see docs/BENCHMARKS.md). Timestamps inside the JSON columns are epoch microseconds, so reading
 * them needs no date parsing.
 */
public final class Customer360Query {
    /**
     * The contact, its order ledger folded per currency (cancelled orders do not count; refunds are subtracted),
     * open returns, open tickets, recorded consents, the RFM score, the loyalty tier, the points balance
     * (primary-key joins) and the latest timeline entries as a JSON array, newest first. Parameters: 1 the
     * number of timeline entries, 2 the customer id.
     */
    static final String SQL = "SELECT " + ContactDao.COLUMNS + """
            , COALESCE(o.order_count, 0) AS order_count, o.first_order_at, o.last_order_at,
              COALESCE(o.spend, '[]') AS spend_json,
              (SELECT count(*) FROM crm_return_ledger r
               WHERE r.customer_id = c.customer_id AND r.status <> 'refunded') AS open_returns,
              (SELECT count(*) FROM crm_ticket t
               WHERE t.customer_id = c.customer_id AND t.status IN ('new', 'open', 'waiting_on_customer')) AS open_tickets,
              (SELECT COALESCE(json_agg(json_build_object('channel', k.channel, 'purpose', k.purpose,
                          'granted', k.granted, 'source', k.source, 'policy_version', k.policy_version,
                          'updated_at_us', (extract(epoch FROM k.updated_at) * 1000000)::bigint)), '[]')
               FROM crm_consent k WHERE k.subject_id = c.customer_id)::text AS consents_json,
              rfm.r_score, rfm.f_score, rfm.m_score, rfm.segment AS rfm_segment, rfm.computed_at AS rfm_computed_at,
              tier.tier AS tier_code, COALESCE(pts.balance, 0) AS points_balance,
              (SELECT COALESCE(json_agg(json_build_object('id', e.id, 'type', e.type, 'kind', e.kind,
                          'channel', e.channel, 'summary', e.summary, 'refs', e.refs,
                          'occurred_at_us', (extract(epoch FROM e.occurred_at) * 1000000)::bigint,
                          'created_at_us', (extract(epoch FROM e.created_at) * 1000000)::bigint)
                          ORDER BY e.occurred_at DESC, e.id DESC), '[]')
               FROM (SELECT id, type, kind, channel, summary, refs, occurred_at, created_at
                     FROM crm_timeline_entry WHERE customer_id = c.customer_id
                     ORDER BY occurred_at DESC, id DESC LIMIT ?) e)::text AS timeline_json
            FROM crm_contact c
            LEFT JOIN crm_rfm_score rfm ON rfm.customer_id = c.customer_id
            LEFT JOIN crm_customer_tier tier ON tier.customer_id = c.customer_id
            LEFT JOIN crm_points_balance pts ON pts.customer_id = c.customer_id
            LEFT JOIN LATERAL (
                SELECT sum(g.n)::bigint AS order_count, min(g.first_at) AS first_order_at, max(g.last_at) AS last_order_at,
                       json_agg(json_build_object('currency', g.currency, 'net', g.net, 'orders', g.n))::text AS spend
                FROM (SELECT currency, count(*) AS n, sum(total_amount - refunded_amount)::bigint AS net,
                             min(placed_at) AS first_at, max(placed_at) AS last_at
                      FROM crm_order_ledger
                      WHERE customer_id = c.customer_id AND status <> 'cancelled'
                      GROUP BY currency) g
            ) o ON true
            WHERE c.customer_id = ?
            """;

    private Customer360Query() {
    }

    public static Optional<Customer360Row> find(Connection connection, UUID customerId, int latestTimelineEntries) {
        try (PreparedStatement ps = connection.prepareStatement(SQL)) {
            ps.setInt(1, latestTimelineEntries);
            ps.setObject(2, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw JdbcReads.failed("customer 360", e);
        }
    }

    private static Customer360Row map(ResultSet rs) throws SQLException {
        ContactRow contact = new ContactRow(uuid(rs, "customer_id"), rs.getString("email"), rs.getString("name"),
                rs.getString("phone"), rs.getString("locale"), instant(rs, "became_customer_at"),
                rs.getString("customer_type"), rs.getString("company_name"), rs.getString("tax_id"),
                uuid(rs, "account_manager_id"), instant(rs, "account_manager_assigned_at"), strings(rs, "tags"),
                instant(rs, "erased_at"), instant(rs, "created_at"));
        return new Customer360Row(contact, rs.getLong("order_count"), instant(rs, "first_order_at"),
                instant(rs, "last_order_at"), rs.getString("spend_json"), rs.getLong("open_returns"),
                rs.getLong("open_tickets"), rs.getString("consents_json"), integer(rs, "r_score"),
                integer(rs, "f_score"), integer(rs, "m_score"), rs.getString("rfm_segment"),
                instant(rs, "rfm_computed_at"), rs.getString("tier_code"), rs.getLong("points_balance"),
                rs.getString("timeline_json"));
    }
}
