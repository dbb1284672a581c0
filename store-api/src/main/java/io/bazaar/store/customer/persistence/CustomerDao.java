package io.bazaar.store.customer.persistence;

import io.bazaar.store.customer.domain.Customer;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface CustomerDao {

    record CustomerRow(UUID id, String email, String name, String phone, String locale, int version,
                       @ColumnName("created_at") Instant createdAt, @ColumnName("updated_at") Instant updatedAt) {
        public Customer toDomain() {
            return new Customer(id, email, name, phone, locale, version, createdAt, updatedAt);
        }
    }

    record Credentials(UUID id, @ColumnName("password_hash") String passwordHash) {
    }

    @SqlUpdate("""
            INSERT INTO customer (id, email, email_normalized, password_hash, name, phone, locale, created_at, updated_at)
            VALUES (:id, :email, :emailNormalized, :passwordHash, :name, :phone, :locale, :now, :now)
            ON CONFLICT (email_normalized) DO NOTHING
            """)
    int insert(@Bind("id") UUID id, @Bind("email") String email, @Bind("emailNormalized") String emailNormalized,
               @Bind("passwordHash") String passwordHash, @Bind("name") String name, @Bind("phone") String phone,
               @Bind("locale") String locale, @Bind("now") Instant now);

    @SqlQuery("SELECT id, email, name, phone, locale, version, created_at, updated_at FROM customer WHERE id = :id")
    Optional<CustomerRow> findById(@Bind("id") UUID id);

    @SqlQuery("SELECT id, password_hash FROM customer WHERE email_normalized = :emailNormalized")
    Optional<Credentials> findCredentialsByEmail(@Bind("emailNormalized") String emailNormalized);

    @SqlQuery("SELECT id, password_hash FROM customer WHERE id = :id")
    Optional<Credentials> findCredentialsById(@Bind("id") UUID id);

    @SqlUpdate("""
            UPDATE customer SET name = :name, phone = :phone, locale = :locale, version = version + 1, updated_at = :now
            WHERE id = :id AND version = :version
            """)
    int updateProfile(@Bind("id") UUID id, @Bind("version") int version, @Bind("name") String name,
                      @Bind("phone") String phone, @Bind("locale") String locale, @Bind("now") Instant now);

    @SqlUpdate("UPDATE customer SET password_hash = :hash, updated_at = :now WHERE id = :id")
    int updatePassword(@Bind("id") UUID id, @Bind("hash") String hash, @Bind("now") Instant now);

    /** Idempotent: erasing an erased account writes the same values again. "!" is never a valid argon2 hash. */
    @SqlUpdate("""
            UPDATE customer SET email = :pseudonym, email_normalized = :pseudonym, name = NULL, phone = NULL,
                                company_name = NULL, tax_id = NULL, password_hash = '!erased',
                                version = version + 1, updated_at = :now
            WHERE id = :id
            """)
    int erase(@Bind("id") UUID id, @Bind("pseudonym") String pseudonym, @Bind("now") Instant now);
}
