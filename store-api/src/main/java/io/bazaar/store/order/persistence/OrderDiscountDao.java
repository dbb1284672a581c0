package io.bazaar.store.order.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The promotions an order got at checkout, frozen with the order, and their split over its lines. */
public interface OrderDiscountDao {

    record DiscountRow(UUID id, @ColumnName("order_id") UUID orderId, int position,
                       @ColumnName("promotion_id") UUID promotionId, String code, String name, String kind,
                       long amount, String source, Long points) {
    }

    record LineDiscountRow(@ColumnName("order_discount_id") UUID orderDiscountId,
                           @ColumnName("order_line_id") UUID orderLineId, long amount) {
    }

    @SqlUpdate("""
            INSERT INTO order_discount (id, order_id, position, promotion_id, code, name, kind, amount, source, points,
                                        created_at)
            VALUES (:id, :orderId, :position, :promotionId, :code, :name, :kind, :amount, :source, :points, :now)
            """)
    void insert(@BindMethods DiscountRow row, @Bind("now") Instant now);

    @SqlBatch("""
            INSERT INTO order_line_discount (order_discount_id, order_line_id, amount)
            VALUES (:orderDiscountId, :orderLineId, :amount)
            """)
    void insertLineDiscounts(@BindMethods List<LineDiscountRow> rows);

    @SqlQuery("""
            SELECT id, order_id, position, promotion_id, code, name, kind, amount, source, points
            FROM order_discount WHERE order_id = :orderId ORDER BY position
            """)
    List<DiscountRow> listForOrder(@Bind("orderId") UUID orderId);

    @SqlQuery("""
            SELECT ld.order_discount_id, ld.order_line_id, ld.amount
            FROM order_line_discount ld JOIN order_discount d ON d.id = ld.order_discount_id
            WHERE d.order_id = :orderId
            """)
    List<LineDiscountRow> lineDiscounts(@Bind("orderId") UUID orderId);
}
