package io.bazaar.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A closed-loop load run: {@code concurrency} threads each run one operation after another, with no
 * think time, for a warm-up and then a measured period. Only operations that start and end inside the
 * measured period are counted (errors are counted throughout). Latencies go into an HdrHistogram (microsecond resolution).
 */
final class LoadRun {
    /** One unit of work; throws (or returns false) when it failed. */
    interface Operation {
        boolean run(ThreadLocalRandom random) throws Exception;
    }

    record Result(String name, int concurrency, double seconds, long completed, long errors, Histogram latency,
                  List<String> sampleErrors) {
        double throughput() {
            return completed / seconds;
        }

        double percentileMillis(double p) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(p) / 1000.0;
        }

        double maxMillis() {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1000.0;
        }
    }

    private static final long PROGRESS_SECONDS = 30;

    private LoadRun() {
    }

    static Result run(String name, int concurrency, int warmupSeconds, int measureSeconds, Operation op)
            throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong succeeded = new AtomicLong(); // warm-up included: for the progress lines
        ConcurrentLinkedQueue<String> sampleErrors = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long measureUntil = measureFrom + TimeUnit.SECONDS.toNanos(measureSeconds);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "load-" + name);
            t.setDaemon(true);
            return t;
        });
        System.out.printf("%n== %s: %d clients, %d s warm-up, %d s measured%n", name, concurrency, warmupSeconds,
                measureSeconds);
        for (int i = 0; i < concurrency; i++) {
            pool.execute(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= measureUntil) {
                        return;
                    }
                    boolean ok;
                    String error = null;
                    try {
                        ok = op.run(random);
                    } catch (Exception e) {
                        ok = false;
                        error = e.toString();
                    }
                    long t1 = System.nanoTime();
                    if (ok) {
                        succeeded.incrementAndGet();
                    }
                    if (ok && t0 >= measureFrom && t1 <= measureUntil) {
                        recorder.recordValue(Math.max(1, (t1 - t0) / 1000));
                        completed.incrementAndGet();
                    } else if (!ok) {
                        errors.incrementAndGet(); // warm-up included: the run must be error-free throughout
                    }
                    if (!ok && sampleErrors.size() < 5) {
                        sampleErrors.add(error == null ? "unexpected answer (see server.log)" : error);
                    }
                }
            });
        }
        pool.shutdown();
        // A progress line every 30 s shows when the server reached its steady state (e.g. the JIT done compiling).
        long deadline = measureUntil + TimeUnit.SECONDS.toNanos(120);
        long lastCount = 0;
        long lastAt = start;
        while (!pool.awaitTermination(PROGRESS_SECONDS, TimeUnit.SECONDS)) {
            long now = System.nanoTime();
            if (now > deadline) {
                pool.shutdownNow();
                throw new IllegalStateException(name + ": clients did not finish");
            }
            long count = succeeded.get();
            System.out.printf("   %4d s: %,.0f/s%s%n", TimeUnit.NANOSECONDS.toSeconds(now - start),
                    (count - lastCount) / ((now - lastAt) / 1e9), now < measureFrom ? " (warm-up)" : "");
            lastCount = count;
            lastAt = now;
        }
        Result result = new Result(name, concurrency, measureSeconds, completed.get(), errors.get(),
                recorder.getIntervalHistogram(), new ArrayList<>(sampleErrors));
        System.out.printf("   %,.0f/s  p50 %.2f ms  p99 %.2f ms  max %.1f ms  errors %d%n", result.throughput(),
                result.percentileMillis(50), result.percentileMillis(99), result.maxMillis(), result.errors());
        result.sampleErrors().forEach(e -> System.out.println("   error: " + e));
        return result;
    }
}
