package dev.shard.bench;

import dev.shard.examples.colcor.ColcorOnPool;
import dev.shard.examples.colcor.ColumnCorrelationData;
import dev.shard.examples.tiny.TinyTasksBuffer;
import dev.shard.examples.tiny.TinyTasksOnPool;
import dev.shard.runtime.api.Pool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CPU time of the driver and of each worker across each run of a fresh pool, next to the
 * run's wall time: which process pays a first run, in a figure that other engineers'
 * builds on the same cores disturb far less than wall time. CPU comes from
 * {@code /proc/<pid>/stat} (user + system, in clock ticks of 10 ms), so only differences of
 * a few ticks mean something; compare builds in alternating rounds.
 *
 * <p>Usage: {@code FirstRunCpu colcor|tiny [runs]} (W1 10,000 x 2,000 or 10,000 tiny tasks,
 * 2 workers, default 4 runs). Each run's answer is checked; prints one line per run.
 */
public final class FirstRunCpu {
    /** W1's sum of r as the examples print it (check=), 13 significant digits. */
    static final String COLCOR_CHECK = "7.971999041855e+02";
    static final long TINY_TASKS = 10_000;
    private static final long MILLIS_PER_TICK = 10;

    private FirstRunCpu() {
    }

    public static void main(String[] args) throws Exception {
        boolean colcor = args.length > 0 && args[0].equals("colcor");
        if (args.length == 0 || !(colcor || args[0].equals("tiny"))) {
            throw new IllegalArgumentException("usage: FirstRunCpu colcor|tiny [runs]");
        }
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        try (Pool pool = Pool.builder().workers(2).start()) {
            List<Long> pids = new ArrayList<>();
            pids.add(ProcessHandle.current().pid());
            ProcessHandle.current().children().forEach(child -> pids.add(child.pid()));
            try (ColumnCorrelationData data = colcor ? ColumnCorrelationData.generate(pool, 10_000, 2_000) : null;
                    TinyTasksBuffer buffer = colcor ? null : TinyTasksBuffer.create(TINY_TASKS)) {
                // Start-up and generation leave JIT work queued; let it finish so a run's CPU is its own.
                Thread.sleep(1_000);
                for (int run = 1; run <= runs; run++) {
                    long[] before = ticks(pids);
                    long start = System.nanoTime();
                    String check = colcor ? colcor(pool, data) : tiny(pool, buffer);
                    double wallMillis = (System.nanoTime() - start) / 1e6;
                    long[] after = ticks(pids);
                    StringBuilder workers = new StringBuilder();
                    for (int i = 1; i < pids.size(); i++) {
                        workers.append(i > 1 ? "," : "").append((after[i] - before[i]) * MILLIS_PER_TICK);
                    }
                    System.out.printf(Locale.ROOT, "run=%d wall_ms=%.1f driver_cpu_ms=%d worker_cpu_ms=%s %s load=%s%n",
                            run, wallMillis, (after[0] - before[0]) * MILLIS_PER_TICK, workers, check, loadAverage());
                }
            }
        }
    }

    private static String colcor(Pool pool, ColumnCorrelationData data) {
        ColcorOnPool.compute(pool, data, 2);
        String check = String.format(Locale.ROOT, "%.12e", data.checksum());
        if (!check.equals(COLCOR_CHECK) || data.firstUnwrittenColumn() >= 0) {
            throw new IllegalStateException("colcor check " + check + " (first unwritten column "
                    + data.firstUnwrittenColumn() + "), expected " + COLCOR_CHECK + " with every column written");
        }
        return "check=" + check;
    }

    private static String tiny(Pool pool, TinyTasksBuffer buffer) {
        TinyTasksOnPool.compute(pool, buffer, 0, 0);
        long expected = TINY_TASKS * (TINY_TASKS - 1);
        if (buffer.firstMissingTask() >= 0 || buffer.checksum() != expected) {
            throw new IllegalStateException("tiny tasks check " + buffer.checksum() + ", expected " + expected);
        }
        return "check=" + expected;
    }

    private static long[] ticks(List<Long> pids) throws IOException {
        long[] ticks = new long[pids.size()];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = cpuTicks(Files.readString(Path.of("/proc/" + pids.get(i) + "/stat")));
        }
        return ticks;
    }

    /** utime + stime of a {@code /proc/<pid>/stat} line; the command name may hold spaces and parentheses. */
    static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After the name, field 3 (state) is at index 0: utime (field 14) and stime (15) are at 11 and 12.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }
}
