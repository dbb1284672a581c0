package io.bazaar.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** What the numbers were measured on, including how busy the machine was. */
final class Machine {
    record Snapshot(Instant at, String loadAverage) {
    }

    private Machine() {
    }

    static Snapshot snapshot() {
        return new Snapshot(Instant.now().truncatedTo(ChronoUnit.SECONDS), firstWords(read("/proc/loadavg"), 3));
    }

    static String describe() {
        String cpu = read("/proc/cpuinfo").lines().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        String memKb = read("/proc/meminfo").lines().filter(l -> l.startsWith("MemTotal")).findFirst()
                .map(l -> l.replaceAll("[^0-9]", "")).orElse("0");
        long memGib = Math.round(Long.parseLong(memKb.isEmpty() ? "0" : memKb) / 1024.0 / 1024.0);
        return Runtime.getRuntime().availableProcessors() + " CPUs (nproc; " + cpu + "), " + memGib + " GiB RAM, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", JDK "
                + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")";
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }

    private static String firstWords(String s, int n) {
        String[] parts = s.strip().split("\\s+");
        return parts.length < n ? "unknown" : String.join(" ", java.util.Arrays.copyOf(parts, n));
    }
}
