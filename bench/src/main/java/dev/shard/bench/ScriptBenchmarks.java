package dev.shard.bench;

import dev.shard.dsl.analyze.AnalysisOptions;
import dev.shard.dsl.api.Session;
import dev.shard.dsl.api.Shard;
import dev.shard.dsl.check.CheckResult;
import dev.shard.dsl.check.ScriptChecker;
import dev.shard.dsl.diag.SourceText;
import dev.shard.dsl.lower.LoweredScript;
import dev.shard.dsl.lower.LoweredStatement;
import dev.shard.dsl.parse.ParseLimits;
import dev.shard.dsl.run.ScriptRunner;
import dev.shard.examples.colcor.ColcorOnPool;
import dev.shard.examples.colcor.ColumnCorrelationData;
import dev.shard.examples.workload.ColumnCorrelationWorkload;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.planner.rule.Optimizer;
import dev.shard.runtime.report.RunReport;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The language's benchmarks, run by {@code bench/script.sh}: the front end (parse, analyse,
 * lower, optimise and physically plan a 200-line script, median after warm-up) and
 * {@code examples/colcor.shard}'s apply against the W1 example kernel on the same warm
 * 2-worker pool, interleaved round by round. Usage: {@code ScriptBenchmarks [--runs n] [--out file]}.
 */
public final class ScriptBenchmarks {
    private static final int WORKERS = 2;
    private static final int FRONT_END_WARM_UP = 300;
    private static final int FRONT_END_RUNS = 51;
    private static final long BUDGET = 4L << 30;

    private ScriptBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        Path out = Path.of("bench/target/script-results.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "'; use [--runs n] [--out file]");
            }
        }
        List<Samples> results = new ArrayList<>();
        results.add(report(frontEnd()));
        colcor(runs).forEach(samples -> results.add(report(samples)));
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "Machine: %s. Load average (1, 5, 15 min)"
                + " at the end: %s.%n%n%s%n", Machine.describe(), Machine.loadAverage(), Samples.tableHeader()));
        results.forEach(samples -> table.append(samples.tableRow()).append('\n'));
        table.append(String.format(Locale.ROOT, "%ncolcor.shard apply / example kernel (median / median): %.2f%n",
                results.get(1).median() / results.get(2).median()));
        System.out.print(table);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table);
        System.exit(0);
    }

    private static Samples report(Samples samples) {
        System.err.println(samples.tableRow());
        return samples;
    }

    /** Parse + analyse + lower (the checker), then optimise and plan every query: what happens before any worker. */
    static Samples frontEnd() {
        SourceText source = new SourceText("bench.shard", twoHundredLines());
        ScriptChecker checker = new ScriptChecker(ParseLimits.DEFAULT,
                AnalysisOptions.defaults().withWorkingDirectory(Path.of("."), false));
        for (int i = 0; i < FRONT_END_WARM_UP; i++) {
            planAll(checker, source);
        }
        double[] millis = new double[FRONT_END_RUNS];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            planAll(checker, source);
            millis[i] = Measure.millisSince(start);
        }
        return new Samples("parse + analyse + plan, " + source.lineCount() + "-line script", "ms", millis);
    }

    private static int planAll(ScriptChecker checker, SourceText source) {
        CheckResult result = checker.check(source);
        Measure.require(!result.hasErrors(), "the benchmark script has errors: " + ScriptChecker.render(result));
        int stages = 0;
        for (LoweredStatement statement : result.lowered().orElseThrow().statements()) {
            if (statement instanceof LoweredStatement.Query query) {
                var optimized = Optimizer.standard().optimize(query.plan()).plan();
                stages += PhysicalPlanner.plan(optimized, new PlanningContext(WORKERS, BUDGET, 0)).driverOperators().size() + 1;
            }
        }
        return stages;
    }

    /** A 200-line script of typical pipelines and matrix statements (no join: the planner does not plan joins yet). */
    static String twoHundredLines() {
        StringBuilder script = new StringBuilder("param rows = 1_000_000\nparam n = 1_000\nparam p = 200\n");
        for (int pipeline = 0; script.toString().lines().count() < 196; pipeline++) {
            script.append("from generate(rows) {\n")
                    .append("    customer = random_int(1_000, stream = ").append(pipeline).append("),\n")
                    .append("    country = random_int(20, stream = ").append(pipeline + 50).append("),\n")
                    .append("    amount = uniform(1, 500, stream = ").append(pipeline + 100).append("),\n}\n")
                    .append("filter amount > 5 and not (country % 3 == 0)\n")
                    .append("derive tax = if(amount > 100, amount * 0.2, amount * 0.1), net = amount - tax\n")
                    .append("group {country} (aggregate {revenue = sum(net), orders = count(), top = max(amount)})\n")
                    .append("sort {-revenue, country}\n")
                    .append("take 5\n")
                    .append("write \"out/top_").append(pipeline).append(".csv\"\n");
        }
        script.append("let X = matrix(n, p) { random(stream = col() + 1) }\nlet r = buffer(double, p)\n")
                .append("apply columns of X into r: mean(column)\nwrite r \"out/r.csv\"\n");
        return script.toString();
    }

    /** colcor.shard's apply (its compute) and the example kernel, on one warm pool, after the same warm-up. */
    static List<Samples> colcor(int runs) throws Exception {
        Path directory = Files.createTempDirectory("shard-bench-colcor");
        try {
            return colcor(runs, directory);
        } finally {
            // The script writes out/r.csv there; a benchmark leaves nothing behind in /tmp.
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static List<Samples> colcor(int runs, Path directory) throws Exception {
        String text = Files.readString(Path.of("examples/colcor.shard"));
        SourceText source = new SourceText("colcor.shard", text);
        CheckResult checked = new ScriptChecker(ParseLimits.DEFAULT,
                AnalysisOptions.defaults().withWorkingDirectory(directory, true)).check(source);
        LoweredScript script = checked.lowered().orElseThrow(() -> new IllegalStateException(
                ScriptChecker.render(checked)));
        double[] scriptMillis = new double[runs];
        double[] exampleMillis = new double[runs];
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (Session session = Shard.local().workers(WORKERS).open();
                ColumnCorrelationData data = ColumnCorrelationData.generate(
                        (int) ColumnCorrelationWorkload.DEFAULT_ROWS, (int) ColumnCorrelationWorkload.DEFAULT_COLUMNS)) {
            for (int round = -ColcorBenchmark.WARM_UP_ROUNDS; round < runs; round++) {
                List<RunReport> reports = new ScriptRunner(session, source, quiet, ScriptRunner.RunListener.NONE)
                        .run(script).reports();
                ColcorOnPool.Computation example = ColcorOnPool.compute(session.pool(), data, WORKERS);
                Measure.require(example.run().succeeded(), "colcor run failed: " + example.run().failures());
                if (round >= 0) {
                    scriptMillis[round] = reports.getLast().timings().computeSeconds() * 1e3;
                    exampleMillis[round] = example.computeSeconds() * 1e3;
                }
            }
        }
        return List.of(new Samples("colcor.shard apply, 2 workers (pool warm)", "ms", scriptMillis),
                new Samples("colcor example kernel, 2 workers (pool warm)", "ms", exampleMillis));
    }
}
