package dev.shard.examples.tips;

import static dev.shard.dsl.api.Functions.col;
import static dev.shard.dsl.api.Functions.count;
import static dev.shard.dsl.api.Functions.lit;
import static dev.shard.dsl.api.Functions.max;
import static dev.shard.dsl.api.Functions.mean;
import static dev.shard.dsl.api.Functions.randomInt;
import static dev.shard.dsl.api.Functions.uniform;

import dev.shard.dsl.api.Dataset;
import dev.shard.dsl.api.Session;
import dev.shard.dsl.api.Shard;
import dev.shard.dsl.cli.ExampleProgram;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * examples/quickstart.shard written with the Java fluent API: the same verbs build the same
 * logical plan, so the CSV is the same file. Usage: {@code tips [--rows n] [--workers w] [--out f.csv]}.
 */
public final class TipsProgram implements ExampleProgram {
    static final String NAME = "tips";
    static final String DESCRIPTION = "quickstart.shard through the Java fluent API: tips by passenger count";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return DESCRIPTION;
    }

    /** from generate(rows) {...} | filter fare > 5 | derive tip_pct | group {pax} (aggregate {...}) | sort {pax}. */
    public static Dataset query(Session session, long rows) {
        return session.generate(rows,
                        col("pax", lit(1L).add(randomInt(6, 1))),
                        col("fare", uniform(2, 80, 2)),
                        col("tip", uniform(0, 15, 3)))
                .filter(col("fare").gt(5))
                .derive(col("tip").div(col("fare")).as("tip_pct"))
                .groupBy("pax")
                .aggregate(count("trips"), mean("tip_pct").as("avg_tip"), max("fare").as("max_fare"))
                .sort("pax");
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) {
        long rows = 10_000_000;
        int workers = Runtime.getRuntime().availableProcessors();
        Path target = Path.of("out/tips_by_pax.csv");
        try {
            for (int i = 0; i < arguments.size(); i++) {
                switch (arguments.get(i)) {
                    case "--rows" -> rows = Long.parseLong(arguments.get(++i).replace("_", ""));
                    case "--workers" -> workers = Integer.parseInt(arguments.get(++i));
                    case "--out" -> target = Path.of(arguments.get(++i));
                    default -> throw new IllegalArgumentException("unknown option '" + arguments.get(i) + "'");
                }
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException usage) {
            err.println(NAME + ": " + (usage instanceof IndexOutOfBoundsException ? "an option needs a value"
                    : usage.getMessage()) + "; usage: tips [--rows n] [--workers w] [--out f.csv]");
            return 2;
        }
        try (Session session = Shard.local().workers(workers).open()) {
            query(session, rows).write(target);
        }
        out.println("wrote " + target);
        return 0;
    }
}
