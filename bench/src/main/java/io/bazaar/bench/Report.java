package io.bazaar.bench;

import java.util.List;
import java.util.Optional;

/** The Markdown that goes into docs/BENCHMARKS.md. */
final class Report {
    private Report() {
    }

    static String markdown(Settings s, Machine.Snapshot before, Machine.Snapshot after, List<LoadRun.Result> results,
                           Benchmark.Verification v) {
        StringBuilder md = new StringBuilder();
        md.append("Run ").append(before.at()).append(" to ").append(after.at()).append(" on ").append(Machine.describe())
                .append(".  \nLoad average (1/5/15 min) before: ").append(before.loadAverage()).append(", after: ")
                .append(after.loadAverage()).append(".  \n").append(String.format(
                        "Closed loop, %d clients per HTTP scenario (%d for tpcb-like), %d s warm-up (checkout: %d s, "
                                + "tpcb-like: %d s) + %d s measured each; catalogue of %,d generated products.%n%n",
                        s.concurrency(), s.tpcbClients(), s.warmupSeconds(), s.checkoutWarmupSeconds(),
                        s.tpcbWarmupSeconds(), s.measureSeconds(), s.products()));
        md.append("| Scenario | Clients | Throughput (/s) | p50 (ms) | p99 (ms) | max (ms) | Errors |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (LoadRun.Result r : results) {
            md.append("| ").append(r.name()).append(" | ").append(r.concurrency()).append(" | ")
                    .append(Benchmark.fmt(r.throughput())).append(" | ").append(Benchmark.fmt(r.percentileMillis(50)))
                    .append(" | ").append(Benchmark.fmt(r.percentileMillis(99))).append(" | ")
                    .append(Benchmark.fmt(r.maxMillis())).append(" | ").append(r.errors()).append(" |\n");
        }
        md.append("\n| Target | Measured | Met |\n|---|---|---|\n");
        // A run limited with -Dbench.only lacks some scenarios: only the targets it measured are reported.
        Optional<LoadRun.Result> ping = find(results, "ping");
        Optional<LoadRun.Result> detail = find(results, "detail");
        if (ping.isPresent() && detail.isPresent()) {
            double ratio = detail.get().throughput() / ping.get().throughput();
            row(md, "Product detail throughput ≥ 60% of the ping ceiling",
                    String.format("%.0f%% (%s / %s per s)", 100 * ratio, Benchmark.fmt(detail.get().throughput()),
                            Benchmark.fmt(ping.get().throughput())), ratio >= 0.6);
        }
        find(results, "popular").ifPresent(popular -> row(md,
                "Search p99 < 50 ms at 100k products (popular words, mostly cache hits)",
                Benchmark.fmt(popular.percentileMillis(99)) + " ms", popular.percentileMillis(99) < 50));
        find(results, "uncached").ifPresent(uncached -> row(md,
                "Search p99 < 50 ms at 100k products (distinct queries, cache misses)",
                Benchmark.fmt(uncached.percentileMillis(99)) + " ms", uncached.percentileMillis(99) < 50));
        find(results, "list page").ifPresent(list -> row(md, "List page p99 < 20 ms",
                Benchmark.fmt(list.percentileMillis(99)) + " ms", list.percentileMillis(99) < 20));
        Optional<LoadRun.Result> tpcb = find(results, "tpcb");
        Optional<LoadRun.Result> tpcbAfter = find(results, "after checkout");
        Optional<LoadRun.Result> checkout = results.stream()
                .filter(r -> r.name().startsWith("checkout")).findFirst();
        if (tpcb.isPresent() && checkout.isPresent()) {
            // Against the mean of the baseline measured before and after the checkout scenario, when both were.
            double baseline = tpcbAfter.map(a -> (tpcb.get().throughput() + a.throughput()) / 2)
                    .orElse(tpcb.get().throughput());
            double share = checkout.get().throughput() / baseline;
            String of = tpcbAfter.map(a -> "the mean of " + Benchmark.fmt(tpcb.get().throughput()) + " before and "
                    + Benchmark.fmt(a.throughput()) + " after").orElse(Benchmark.fmt(tpcb.get().throughput()));
            row(md, "Completed checkouts/s ≥ 10% of tpcb-like TPS",
                    String.format("%.1f%% (%s / %s per s)", 100 * share, Benchmark.fmt(checkout.get().throughput()), of),
                    share >= 0.10);
        }
        if (checkout.isPresent()) {
            row(md, "Checkout: zero errors", checkout.get().errors() + " errors", checkout.get().errors() == 0);
            row(md, "Checkout: zero oversell (stock ≥ 0, ledger = stock on hand, stock taken = units ordered)",
                    String.format("%d orders, %d units ordered, %d below zero, %d ledger mismatches, %d units unaccounted",
                            v.placedOrders(), v.orderedUnits(), v.negativeStock(), v.ledgerMismatches(),
                            v.unitsMissingFromStock()), v.clean());
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String target, String measured, boolean met) {
        md.append("| ").append(target).append(" | ").append(measured).append(" | ").append(met ? "yes" : "**no**")
                .append(" |\n");
    }

    private static Optional<LoadRun.Result> find(List<LoadRun.Result> results, String part) {
        return results.stream().filter(r -> r.name().contains(part)).findFirst();
    }
}
