package io.bazaar.store.refund.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface RefundDao {

    record RefundRow(UUID id, @ColumnName("order_id") UUID orderId, @ColumnName("return_id") UUID returnId, String kind,
                     String status, long amount, @ColumnName("shipping_amount") long shippingAmount, String currency,
                     String provider, String reason, @ColumnName("staff_id") UUID staffId, String failure,
                     @ColumnName("created_at") Instant createdAt, @ColumnName("updated_at") Instant updatedAt) {
    }

    String COLUMNS = "id, order_id, return_id, kind, status, amount, shipping_amount, currency, provider, reason, "
            + "staff_id, failure, created_at, updated_at";

    @SqlUpdate("""
            INSERT INTO refund (id, order_id, return_id, kind, status, amount, shipping_amount, currency, provider,
                                reason, staff_id, created_at, updated_at)
            VALUES (:id, :orderId, :returnId, :kind, 'pending', :amount, :shippingAmount, :currency, :provider,
                    :reason, :staffId, :createdAt, :updatedAt)
            """)
    void insert(@BindMethods RefundRow row);

    @SqlUpdate("UPDATE refund SET status = :status, failure = :failure, updated_at = :now WHERE id = :id AND status = 'pending'")
    int settle(@Bind("id") UUID id, @Bind("status") String status, @Bind("failure") String failure,
               @Bind("now") Instant now);

    @SqlQuery("SELECT " + COLUMNS + " FROM refund WHERE id = :id")
    Optional<RefundRow> findById(@Bind("id") UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM refund WHERE order_id = :orderId ORDER BY created_at, id")
    List<RefundRow> listForOrder(@Bind("orderId") UUID orderId);

    @SqlQuery("SELECT count(*) FROM refund WHERE return_id = :returnId AND status <> 'failed'")
    int activeForReturn(@Bind("returnId") UUID returnId);
}
