package io.bazaar.store.catalog.persistence;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface CategoryDao {

    record CategoryRow(UUID id, @ColumnName("parent_id") UUID parentId, String name, String slug, int position,
                       @ColumnName("created_at") Instant createdAt) {
    }

    @SqlUpdate("""
            INSERT INTO category (id, parent_id, name, slug, position, created_at, updated_at)
            VALUES (:id, :parentId, :name, :slug, :position, :now, :now)
            ON CONFLICT (slug) DO NOTHING
            """)
    int insert(@Bind("id") UUID id, @Bind("parentId") UUID parentId, @Bind("name") String name,
               @Bind("slug") String slug, @Bind("position") int position, @Bind("now") Instant now);

    @SqlQuery("SELECT id, parent_id, name, slug, position, created_at FROM category WHERE id = :id")
    Optional<CategoryRow> findById(@Bind("id") UUID id);

    @SqlQuery("SELECT id, parent_id, name, slug, position, created_at FROM category WHERE slug = :slug")
    Optional<CategoryRow> findBySlug(@Bind("slug") String slug);

    @SqlQuery("SELECT id, parent_id, name, slug, position, created_at FROM category ORDER BY position, name, id")
    List<CategoryRow> listAll();

    @SqlQuery("SELECT id FROM category WHERE id = ANY(:ids)")
    List<UUID> existing(@Bind("ids") UUID[] ids);

    /** The categories and all their descendants: "category X" filters include its sub-categories. */
    @SqlQuery("""
            WITH RECURSIVE tree AS (
                SELECT id FROM category WHERE id = ANY(:ids)
                UNION
                SELECT c.id FROM category c JOIN tree t ON c.parent_id = t.id
            )
            SELECT id FROM tree
            """)
    List<UUID> withDescendants(@Bind("ids") UUID[] ids);

    /** Whether {@code candidate} is {@code id} or one of its descendants (moving under it would make a cycle). */
    @SqlQuery("""
            WITH RECURSIVE tree AS (
                SELECT id FROM category WHERE id = :id
                UNION
                SELECT c.id FROM category c JOIN tree t ON c.parent_id = t.id
            )
            SELECT EXISTS (SELECT 1 FROM tree WHERE id = :candidate)
            """)
    boolean isSelfOrDescendant(@Bind("id") UUID id, @Bind("candidate") UUID candidate);

    @SqlUpdate("""
            UPDATE category SET name = :name, parent_id = :parentId, position = :position, updated_at = :now
            WHERE id = :id
            """)
    int update(@Bind("id") UUID id, @Bind("name") String name, @Bind("parentId") UUID parentId,
               @Bind("position") int position, @Bind("now") Instant now);

    static UUID[] array(Collection<UUID> ids) {
        return ids.toArray(UUID[]::new);
    }
}
