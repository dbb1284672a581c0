package io.bazaar.shared.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bazaar.testing.TestPostgres;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared Jdbi configuration against a real PostgreSQL: DAO SQL methods share one handler per method, so these
 * tests prove each call still runs on the caller's handle and transaction, records map by constructor, and SQL
 * is sent as written.
 */
class JdbiSetupIT {
    private Jdbi jdbi;

    public record Note(long id, String body) {
    }

    public interface NoteDao {
        @SqlUpdate("INSERT INTO test_note (id, body) VALUES (:id, :body)")
        void insert(@Bind("id") long id, @Bind("body") String body);

        @SqlQuery("SELECT id, body FROM test_note WHERE id = :id")
        Optional<Note> find(@Bind("id") long id);

        @SqlQuery("SELECT id, body FROM test_note WHERE body <> '<not a template>' ORDER BY id")
        List<Note> all();

        default int count() {
            return all().size();
        }
    }

    @BeforeEach
    void setUp() {
        jdbi = JdbiSetup.configure(Jdbi.create(TestPostgres.freshMigratedDatabase()));
        jdbi.useHandle(h -> h.execute("CREATE TABLE test_note (id bigint PRIMARY KEY, body text NOT NULL)"));
    }

    @Test
    void eachCall_runsInTheCallersTransaction_evenWithTheHandlerShared() throws Exception {
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // Handle A inserts in a transaction it keeps open, then rolls back.
            Future<Optional<Note>> seenInsideA = pool.submit(() -> jdbi.inTransaction(h -> {
                NoteDao dao = h.attach(NoteDao.class);
                dao.insert(1, "draft");
                inserted.countDown();
                checked.await(10, TimeUnit.SECONDS);
                Optional<Note> mine = dao.find(1);
                h.rollback();
                return mine;
            }));
            assertThat(inserted.await(10, TimeUnit.SECONDS)).isTrue();
            // Handle B, same DAO method (same shared handler), does not see A's uncommitted row.
            Optional<Note> seenByB = jdbi.withHandle(h -> h.attach(NoteDao.class).find(1));
            assertThat(seenByB).isEmpty();
            checked.countDown();
            assertThat(seenInsideA.get(10, TimeUnit.SECONDS)).contains(new Note(1, "draft"));
        } finally {
            pool.shutdownNow();
        }
        Optional<Note> afterRollback = jdbi.withHandle(h -> h.attach(NoteDao.class).find(1));
        assertThat(afterRollback).isEmpty();
    }

    @Test
    void recordsMapByConstructor_defaultMethodsWork_andSqlIsSentAsWritten() {
        jdbi.useTransaction(h -> {
            NoteDao dao = h.attach(NoteDao.class);
            dao.insert(2, "b");
            dao.insert(1, "a");
        });
        NoteDao dao = jdbi.onDemand(NoteDao.class);
        assertThat(dao.all()).containsExactly(new Note(1, "a"), new Note(2, "b"));
        int count = jdbi.withHandle(h -> h.attach(NoteDao.class).count());
        assertThat(count).isEqualTo(2);
        // Mapping the same record from another column order uses its own cached column matching.
        Note reordered = jdbi.withHandle(h -> h.createQuery("SELECT body, id FROM test_note WHERE id = 2")
                .mapTo(Note.class).one());
        assertThat(reordered).isEqualTo(new Note(2, "b"));
    }

    @Test
    void errorsReachTheCaller_unchanged() {
        jdbi.useHandle(h -> h.attach(NoteDao.class).insert(1, "a"));
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.attach(NoteDao.class).insert(1, "again")))
                .isInstanceOf(UnableToExecuteStatementException.class).hasMessageContaining("test_note_pkey");
    }
}
