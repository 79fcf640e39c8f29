package dev.shard.examples.dataflow;

import static dev.shard.dsl.api.Functions.col;
import static dev.shard.dsl.api.Functions.count;
import static dev.shard.dsl.api.Functions.max;
import static dev.shard.dsl.api.Functions.mean;
import static dev.shard.dsl.api.Functions.min;
import static dev.shard.dsl.api.Functions.random;
import static dev.shard.dsl.api.Functions.randomInt;
import static dev.shard.dsl.api.Functions.sum;

import dev.shard.dsl.api.Dataset;
import dev.shard.dsl.api.Session;
import dev.shard.dsl.cli.ExampleProgram;
import dev.shard.examples.ProgramRunner;
import dev.shard.examples.options.ExampleOptions;
import dev.shard.planner.exec.vector.ColumnTable;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code bin/shard example groupagg}: W2 through the fluent API. Workers generate
 * {@code key = random_int(1000, 1)}, {@code value = random(2)} from the row index and
 * aggregate per key; the driver merges the block partials and prints the checksum
 * {@code sum over k of (k+1) * (count + sum + mean + min + max)}.
 */
public final class GroupAggregateProgram implements ExampleProgram {
    static final String NAME = "groupagg";
    static final String DESCRIPTION = "W2: count, sum, mean, min, max of 20M generated rows per key (1000 keys)";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return DESCRIPTION;
    }

    public static Dataset query(Session session, long rows) {
        return session.generate(rows, col("key", randomInt(1000, 1)), col("value", random(2)))
                .groupBy("key")
                .aggregate(count("count"), sum("value").as("sum"), mean("value").as("mean"), min("value").as("min"),
                        max("value").as("max"))
                .sort("key");
    }

    public static double checksum(ColumnTable table) {
        double checksum = 0;
        for (int r = 0; r < table.rows(); r++) {
            checksum += (table.column("key").longs[r] + 1) * (table.column("count").longs[r]
                    + table.column("sum").doubles[r] + table.column("mean").doubles[r]
                    + table.column("min").doubles[r] + table.column("max").doubles[r]);
        }
        return checksum;
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception {
        return ProgramRunner.run(NAME, ExampleOptions.usage(NAME, DESCRIPTION, DataflowOptions.specs()), arguments,
                args -> ExampleOptions.parse(NAME, DataflowOptions.specs(), args), DataflowOptions::from,
                (options, o, e) -> DataflowRun.execute(NAME, options, session -> query(session, options.rows()),
                        GroupAggregateProgram::checksum, o, e), out, err);
    }
}
