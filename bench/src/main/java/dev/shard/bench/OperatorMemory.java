package dev.shard.bench;

import dev.shard.dsl.api.Result;
import dev.shard.dsl.api.Session;
import dev.shard.dsl.api.SessionBuilder;
import dev.shard.dsl.api.Shard;
import dev.shard.planner.explain.OperatorExplanation;
import dev.shard.planner.explain.StageExplanation;
import dev.shard.planner.physical.InfeasibleBudgetException;
import dev.shard.runtime.task.PoolStatus;
import dev.shard.runtime.tune.WorkerMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How much private memory each operator really holds per byte of its shard, against what it
 * declares to the tuner ({@code OperatorCost.amplification}). For every case of
 * {@link OperatorMemoryCases} and two pinned shard sizes, a fresh pool runs the query once
 * on a small input (classes loaded, code compiled), then on the measured one; a stage's growth
 * is its peak private memory (RssAnon sampled from /proc by the runtime, per worker) above what
 * the worker held just before the run. Measured amplification = the growth between the two
 * sizes ÷ the shard bytes between them (the JVM's fixed costs cancel); declared = what the
 * stage's estimated peak implies: (est. peak − the pool's base) ÷ shard bytes. A stage that
 * runs after another one of the same query starts from the heap the earlier one grew
 * (RssAnon does not shrink), so its growth is a lower bound.
 *
 * <p>Usage: {@code OperatorMemory [--small rows] [--large rows] [--workers n] [--out file]}
 */
public final class OperatorMemory {
    private static final long WARM_ROWS = 1L << 16;

    private OperatorMemory() {
    }

    /** One stage of one case at one size. */
    record StageMeasure(int stage, String operators, long shardBytes, double declared, long growthBytes,
            long peakBytes) {
    }

    public static void main(String[] args) throws IOException {
        long small = 1L << 20;
        long large = 4L << 20;
        int workers = 1;
        Path out = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--small" -> small = Long.parseLong(args[i + 1].replace("_", ""));
                case "--large" -> large = Long.parseLong(args[i + 1].replace("_", ""));
                case "--workers" -> workers = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: OperatorMemory [--small rows] [--large rows] [--workers n] [--out file]");
            }
        }
        Path directory = Files.createTempDirectory("operator-memory");
        try {
            writeInputs(directory, List.of(WARM_ROWS, small, large));
            StringBuilder table = new StringBuilder(header(small, large, workers));
            for (OperatorMemoryCases.Case memoryCase : OperatorMemoryCases.all()) {
                List<StageMeasure> atSmall;
                List<StageMeasure> atLarge;
                try {
                    atSmall = measure(memoryCase, small, workers, directory);
                    atLarge = measure(memoryCase, large, workers, directory);
                } catch (InfeasibleBudgetException e) {
                    // A pinned size above the case's budget is refused before it runs: say so and go on.
                    String line = "| " + memoryCase.name() + " | refused: " + e.getMessage().replace('|', '/')
                            + " | | | | | | |\n";
                    table.append(line);
                    System.out.print(line);
                    continue;
                }
                for (int s = 0; s < atLarge.size(); s++) {
                    String line = row(memoryCase, atSmall.size() == atLarge.size() ? atSmall.get(s) : null,
                            atLarge.get(s), s > 0);
                    table.append(line);
                    System.out.print(line);
                    System.out.flush();
                }
            }
            String apply = applyRow(workers);
            table.append(apply);
            System.out.print(apply);
            if (out != null) {
                Files.writeString(out, table.toString());
            }
        } finally {
            try (var files = Files.walk(directory)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** The scan case's Arrow files, written on a pool of their own so no measured pool has seen them. */
    private static void writeInputs(Path directory, List<Long> sizes) {
        try (Session session = Shard.local().workers(1).open()) {
            for (long rows : sizes) {
                OperatorMemoryCases.source(session, rows, OperatorMemoryCases.SMALL_KEYS)
                        .write(OperatorMemoryCases.arrowInput(directory, rows));
            }
        }
    }

    static List<StageMeasure> measure(OperatorMemoryCases.Case memoryCase, long shardRows, int workers,
            Path directory) {
        SessionBuilder builder = Shard.local().workers(workers);
        if (memoryCase.memoryBudgetBytes() > 0) {
            builder.memoryBudget(memoryCase.memoryBudgetBytes());
        }
        try (Session session = builder.open()) {
            long poolBase = session.pool().status().workers().stream()
                    .mapToLong(PoolStatus.WorkerStatus::baselinePrivateBytes).max().orElse(0);
            // The estimate starts from the base the session plans with, not the one measured at start.
            long plannedBase = WorkerMemory.plannedBaseBytes(poolBase,
                    WorkerMemory.maxHeapBytes(session.memoryBudgetBytes(), workers));
            memoryCase.build().run(session, WARM_ROWS, directory);
            List<Long> before = session.pool().status().workers().stream()
                    .map(PoolStatus.WorkerStatus::currentPrivateBytes).toList();
            Result result = memoryCase.build().run(session, shardRows, directory);
            List<StageMeasure> stages = new ArrayList<>();
            for (StageExplanation stage : result.explanation().stages()) {
                long rows = Math.min(stage.shardRows(), Math.max(stage.estimatedRows(), stage.actualRows()));
                long shardBytes = Math.max(1, rows * stage.bytesPerRow());
                long growth = 0;
                long peak = 0;
                List<Long> peaks = stage.actualPeakPrivateBytesPerWorker();
                for (int w = 0; w < peaks.size() && w < before.size(); w++) {
                    growth = Math.max(growth, peaks.get(w) - before.get(w));
                    peak = Math.max(peak, peaks.get(w));
                }
                double declared = (stage.estimatedPeakPrivateBytesPerWorker() - plannedBase) / (double) shardBytes;
                stages.add(new StageMeasure(stage.id(), operators(stage), shardBytes, declared, growth, peak));
            }
            return stages;
        }
    }

    private static String operators(StageExplanation stage) {
        List<String> names = new ArrayList<>();
        for (OperatorExplanation operator : stage.operators()) {
            names.add(0, operator.name().replace("Exec", ""));
        }
        return String.join(" → ", names);
    }

    private static String header(long small, long large, int workers) {
        return String.format(Locale.ROOT, "| case | stage | shard bytes (small / large) | declared × | growth small |"
                + " growth large | measured × (slope) | measured × (large alone) |%n|---|---|---|---|---|---|---|---|%n")
                .replace("| case |", "<!-- shard rows " + small + " and " + large + ", " + workers + " worker(s) -->\n"
                        + "| case |");
    }

    private static String row(OperatorMemoryCases.Case memoryCase, StageMeasure small, StageMeasure large,
            boolean after) {
        String slope = "n/a";
        if (small != null && large.shardBytes() > small.shardBytes()) {
            slope = String.format(Locale.ROOT, "%.2f", (large.growthBytes() - small.growthBytes())
                    / (double) (large.shardBytes() - small.shardBytes()));
        }
        return String.format(Locale.ROOT, "| %s | %d: %s%s | %s / %s | %.2f | %s | %s | %s | %.2f |%n",
                memoryCase.name(), large.stage(), large.operators(), after ? " (after an earlier stage)" : "",
                mib(small == null ? -1 : small.shardBytes()), mib(large.shardBytes()), large.declared(),
                mib(small == null ? -1 : small.growthBytes()), mib(large.growthBytes()), slope,
                large.growthBytes() / (double) large.shardBytes());
    }

    /** Matrix apply: 4 and 16 columns of 2 MiB per shard (the shard's bytes are the columns its calls read). */
    private static String applyRow(int workers) {
        MatrixApplyMemory.Measured small = MatrixApplyMemory.measure(workers, 4);
        MatrixApplyMemory.Measured large = MatrixApplyMemory.measure(workers, 16);
        return String.format(Locale.ROOT, "| matrix apply, columns | 0: MatrixApply sum(column) | %s / %s | %.2f | %s | %s |"
                + " %.2f | %.2f |%n", mib(small.shardBytes()), mib(large.shardBytes()), large.declared(),
                mib(small.growthBytes()), mib(large.growthBytes()), (large.growthBytes() - small.growthBytes())
                        / (double) (large.shardBytes() - small.shardBytes()),
                large.growthBytes() / (double) large.shardBytes());
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
}
