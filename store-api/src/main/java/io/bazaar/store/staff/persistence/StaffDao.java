package io.bazaar.store.staff.persistence;

import io.bazaar.store.auth.domain.StaffRole;
import io.bazaar.store.staff.domain.StaffMember;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface StaffDao {

    record StaffRow(UUID id, String email, String name, String role, boolean active,
                    @ColumnName("created_at") Instant createdAt) {
        public StaffMember toDomain() {
            return new StaffMember(id, email, name, StaffRole.fromRoleName(role), active, createdAt);
        }
    }

    record Credentials(UUID id, @ColumnName("password_hash") String passwordHash, boolean active) {
    }

    @SqlUpdate("""
            INSERT INTO staff_account (id, email, email_normalized, password_hash, name, role, created_by, created_at, updated_at)
            VALUES (:id, :email, :emailNormalized, :passwordHash, :name, :role, :createdBy, :now, :now)
            ON CONFLICT (email_normalized) DO NOTHING
            """)
    int insert(@Bind("id") UUID id, @Bind("email") String email, @Bind("emailNormalized") String emailNormalized,
               @Bind("passwordHash") String passwordHash, @Bind("name") String name, @Bind("role") String role,
               @Bind("createdBy") UUID createdBy, @Bind("now") Instant now);

    @SqlQuery("SELECT id, email, name, role, active, created_at FROM staff_account WHERE id = :id")
    Optional<StaffRow> findById(@Bind("id") UUID id);

    @SqlQuery("SELECT id, password_hash, active FROM staff_account WHERE email_normalized = :emailNormalized")
    Optional<Credentials> findCredentialsByEmail(@Bind("emailNormalized") String emailNormalized);

    @SqlQuery("""
            SELECT id, email, name, role, active, created_at FROM staff_account
            WHERE (CAST(:cursorAt AS timestamptz) IS NULL OR (created_at, id) < (:cursorAt, :cursorId))
            ORDER BY created_at DESC, id DESC
            LIMIT :limit
            """)
    List<StaffRow> list(@Bind("cursorAt") Instant cursorAt, @Bind("cursorId") UUID cursorId, @Bind("limit") int limit);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM staff_account WHERE role = 'admin' AND active)")
    boolean anyActiveAdmin();
}
