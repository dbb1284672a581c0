package io.bazaar.shared.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.testing.MutableClock;
import io.bazaar.testing.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The transactional outbox against a real PostgreSQL: atomicity, retries, and competing dispatchers. */
class OutboxIT {
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    private final MutableClock clock = new MutableClock();
    private Jdbi jdbi;
    private Outbox outbox;

    record Payload(String note) {
    }

    /** Records each event it handles in a table through the dispatcher's handle, like a real DB consumer. */
    final class RecordingConsumer implements OutboxConsumer {
        final Map<UUID, AtomicInteger> calls = new ConcurrentHashMap<>();
        final Set<UUID> failOnce = ConcurrentHashMap.newKeySet();
        private final String name;

        RecordingConsumer(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean accepts(String eventType) {
            return eventType.startsWith("test.");
        }

        @Override
        public void handle(Handle handle, OutboxEvent event) {
            calls.computeIfAbsent(event.id(), k -> new AtomicInteger()).incrementAndGet();
            handle.execute("INSERT INTO test_effects (consumer, event_id) VALUES (?, ?)", name, event.id());
            if (failOnce.remove(event.id())) {
                throw new IllegalStateException("simulated failure");
            }
        }
    }

    @BeforeEach
    void setUp() {
        jdbi = Jdbi.create(TestPostgres.freshMigratedDatabase());
        io.bazaar.shared.db.JdbiSetup.configure(jdbi);
        jdbi.useHandle(h -> h.execute("CREATE TABLE test_effects (consumer text, event_id uuid)"));
        outbox = new Outbox(mapper, clock);
    }

    private OutboxDispatcher dispatcher() {
        return new OutboxDispatcher(jdbi, outbox, mapper, clock, 10, 3, Duration.ofSeconds(2), Duration.ofMinutes(5));
    }

    private UUID append(String note) {
        return jdbi.inTransaction(h -> outbox.append(h, "test.happened", "test", "agg-1", new Payload(note)));
    }

    private long goodEffects(UUID eventId) {
        return jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM test_effects WHERE event_id = :id AND consumer = 'good'")
                .bind("id", eventId).mapTo(Long.class).one());
    }

    private long effects(UUID eventId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM test_effects WHERE event_id = :id")
                .bind("id", eventId).mapTo(Long.class).one());
    }

    @Nested
    class Atomicity {
        @Test
        void eventWrittenInRolledBackTransaction_isNeverDelivered() {
            RecordingConsumer consumer = new RecordingConsumer("c");
            outbox.register(consumer);
            assertThatThrownBy(() -> jdbi.useTransaction(h -> {
                outbox.append(h, "test.happened", "test", "agg-1", new Payload("doomed"));
                throw new IllegalStateException("business rule failed after the event was written");
            })).isInstanceOf(IllegalStateException.class);

            assertThat(dispatcher().dispatchAll()).isZero();
            assertThat(consumer.calls).isEmpty();
            long events = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM outbox_event").mapTo(Long.class).one());
            assertThat(events).isZero();
        }

        @Test
        void appendOutsideTransaction_isRefused() {
            assertThatThrownBy(() -> jdbi.useHandle(h ->
                    outbox.append(h, "test.happened", "test", "agg-1", new Payload("x"))))
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void payloadRoundTripsToTheConsumer() {
            List<OutboxEvent> seen = new ArrayList<>();
            outbox.register(new OutboxConsumer() {
                @Override
                public String name() {
                    return "peek";
                }

                @Override
                public boolean accepts(String eventType) {
                    return true;
                }

                @Override
                public void handle(Handle handle, OutboxEvent event) {
                    seen.add(event);
                }
            });
            UUID id = append("hello");
            dispatcher().dispatchAll();
            assertThat(seen).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo(id);
                assertThat(e.type()).isEqualTo("test.happened");
                assertThat(e.payload().get("note").asText()).isEqualTo("hello");
            });
        }
    }

    /** A consumer that handles a whole batch in one statement, and can be made to fail once as a batch. */
    final class BatchConsumer implements OutboxConsumer {
        final List<Integer> batchSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicInteger singles = new AtomicInteger();
        volatile boolean failNextBatch;

        @Override
        public String name() {
            return "batch";
        }

        @Override
        public boolean accepts(String eventType) {
            return eventType.startsWith("test.");
        }

        @Override
        public void handle(Handle handle, OutboxEvent event) {
            singles.incrementAndGet();
            handle.execute("INSERT INTO test_effects (consumer, event_id) VALUES ('batch', ?)", event.id());
        }

        @Override
        public void handleAll(Handle handle, List<OutboxEvent> events) {
            batchSizes.add(events.size());
            handle.createUpdate("INSERT INTO test_effects (consumer, event_id) SELECT 'batch', unnest(:ids)")
                    .bindArray("ids", UUID.class, events.stream().map(OutboxEvent::id).toList()).execute();
            if (failNextBatch) {
                failNextBatch = false;
                throw new IllegalStateException("simulated batch failure");
            }
        }
    }

    @Nested
    class Batches {
        @Test
        void aConsumerGetsTheBatchInOneCall_inOrder_andEachEventTakesEffectOnce() {
            BatchConsumer consumer = new BatchConsumer();
            RecordingConsumer single = new RecordingConsumer("single");
            outbox.register(consumer);
            outbox.register(single);
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(append("e" + i));
                clock.advance(Duration.ofMillis(1));
            }

            assertThat(dispatcher().dispatchOnce()).isEqualTo(10);
            assertThat(consumer.batchSizes).containsExactly(5);
            assertThat(consumer.singles).hasValue(0);
            ids.forEach(id -> {
                assertThat(effects(id)).isEqualTo(2);
                assertThat(single.calls.get(id)).hasValue(1);
            });
        }

        @Test
        void aBatchThatFailsAsAWhole_isRolledBack_andEveryEventThenRunsOnItsOwn_once() {
            BatchConsumer consumer = new BatchConsumer();
            outbox.register(consumer);
            List<UUID> ids = List.of(append("a"), append("b"), append("c"));
            consumer.failNextBatch = true;

            assertThat(dispatcher().dispatchOnce()).isEqualTo(3);
            assertThat(consumer.batchSizes).containsExactly(3);
            assertThat(consumer.singles).hasValue(3);
            ids.forEach(id -> assertThat(effects(id)).isEqualTo(1));
            assertThat(dispatcher().pendingCount()).isZero();
        }
    }

    @Nested
    class Retries {
        @Test
        void consumerThatFailsFirstTime_getsTheEventAgain_afterBackoff_andItsFailedWritesAreRolledBack() {
            RecordingConsumer consumer = new RecordingConsumer("flaky");
            outbox.register(consumer);
            UUID id = append("retry me");
            consumer.failOnce.add(id);

            dispatcher().dispatchAll();
            assertThat(consumer.calls.get(id).get()).isEqualTo(1);
            assertThat(effects(id)).as("the failed attempt's writes are rolled back").isZero();

            // Not due yet: the backoff is 2 s after the first failure.
            assertThat(dispatcher().dispatchAll()).isZero();
            clock.advance(Duration.ofSeconds(3));
            dispatcher().dispatchAll();
            assertThat(consumer.calls.get(id).get()).isEqualTo(2);
            assertThat(effects(id)).isEqualTo(1);
            String status = jdbi.withHandle(h -> h.createQuery(
                    "SELECT status || ':' || attempts FROM outbox_delivery WHERE event_id = :id").bind("id", id)
                    .mapTo(String.class).one());
            assertThat(status).isEqualTo("delivered:2");
        }

        @Test
        void aFailureInTheMiddleOfABatch_rollsBackOnlyItsOwnWrites() {
            RecordingConsumer consumer = new RecordingConsumer("c");
            outbox.register(consumer);
            UUID first = append("first");
            clock.advance(Duration.ofMillis(1));
            UUID middle = append("middle");
            clock.advance(Duration.ofMillis(1));
            UUID last = append("last");
            consumer.failOnce.add(middle);

            assertThat(dispatcher().dispatchOnce()).as("one batch").isEqualTo(3);

            // The failing delivery ran once for this attempt (the batch's second try, with savepoints, marks it failed
            // without running it again); the others' writes commit once, whichever try ran them.
            assertThat(consumer.calls.get(middle).get()).isEqualTo(1);
            assertThat(effects(first)).isEqualTo(1);
            assertThat(effects(middle)).as("rolled back to its own savepoint only").isZero();
            assertThat(effects(last)).isEqualTo(1);
            String statuses = jdbi.withHandle(h -> h.createQuery("""
                    SELECT string_agg(status || ':' || attempts, ',' ORDER BY e.occurred_at)
                    FROM outbox_delivery d JOIN outbox_event e ON e.id = d.event_id""").mapTo(String.class).one());
            assertThat(statuses).isEqualTo("delivered:1,pending:1,delivered:1");
        }

        @Test
        void oneConsumerFailing_doesNotRerunAnotherThatSucceeded() {
            RecordingConsumer good = new RecordingConsumer("good");
            RecordingConsumer flaky = new RecordingConsumer("flaky");
            outbox.register(good);
            outbox.register(flaky);
            UUID id = append("two consumers");
            flaky.failOnce.add(id);
            dispatcher().dispatchAll();
            // "good" may have run in the try that flaky's failure rolled back, and then again; it committed once.
            int goodCalls = good.calls.get(id).get();
            assertThat(goodCalls).isBetween(1, 2);
            assertThat(goodEffects(id)).isEqualTo(1);
            clock.advance(Duration.ofMinutes(1));
            dispatcher().dispatchAll();
            assertThat(good.calls.get(id).get()).as("not run again on flaky's retry").isEqualTo(goodCalls);
            assertThat(goodEffects(id)).isEqualTo(1);
            assertThat(flaky.calls.get(id).get()).isEqualTo(2);
            assertThat(effects(id)).isEqualTo(2);
        }

        @Test
        void deliveryGivesUpAfterMaxAttempts_andIsVisibleAsDead() {
            OutboxConsumer broken = new OutboxConsumer() {
                @Override
                public String name() {
                    return "broken";
                }

                @Override
                public boolean accepts(String eventType) {
                    return true;
                }

                @Override
                public void handle(Handle handle, OutboxEvent event) {
                    throw new IllegalStateException("always fails");
                }
            };
            outbox.register(broken);
            append("never works");
            OutboxDispatcher d = dispatcher();
            for (int i = 0; i < 5; i++) {
                d.dispatchAll();
                clock.advance(Duration.ofMinutes(10));
            }
            assertThat(d.deadCount()).isEqualTo(1);
            assertThat(d.pendingCount()).isZero();
            String lastError = jdbi.withHandle(h -> h.createQuery("SELECT last_error FROM outbox_delivery")
                    .mapTo(String.class).one());
            assertThat(lastError).contains("always fails");
        }

        @Test
        void backoffGrowsExponentially_upToTheCap() {
            OutboxDispatcher d = dispatcher();
            assertThat(d.backoff(1)).isEqualTo(Duration.ofSeconds(2));
            assertThat(d.backoff(2)).isEqualTo(Duration.ofSeconds(4));
            assertThat(d.backoff(5)).isEqualTo(Duration.ofSeconds(32));
            assertThat(d.backoff(30)).isEqualTo(Duration.ofMinutes(5));
        }
    }

    @Nested
    class Concurrency {
        @Test
        void competingDispatchers_deliverEachEventExactlyOnce() throws Exception {
            RecordingConsumer consumer = new RecordingConsumer("counted");
            outbox.register(consumer);
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                ids.add(append("event " + i));
            }
            int dispatchers = 4;
            ExecutorService pool = Executors.newFixedThreadPool(dispatchers);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < dispatchers; i++) {
                OutboxDispatcher d = dispatcher(); // separate instances, as on separate servers
                results.add(pool.submit(() -> {
                    start.await();
                    return d.dispatchAll();
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get();
            }
            pool.shutdown();

            assertThat(total).isEqualTo(300);
            assertThat(consumer.calls.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(consumer.calls.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
            long distinctEffects = jdbi.withHandle(h -> h.createQuery(
                    "SELECT count(DISTINCT event_id) FROM test_effects").mapTo(Long.class).one());
            long allEffects = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM test_effects")
                    .mapTo(Long.class).one());
            assertThat(distinctEffects).isEqualTo(300);
            assertThat(allEffects).isEqualTo(300);
        }
    }
}
