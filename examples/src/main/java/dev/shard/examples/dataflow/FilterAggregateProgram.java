package dev.shard.examples.dataflow;

import static dev.shard.dsl.api.Functions.col;
import static dev.shard.dsl.api.Functions.count;
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
 * {@code bin/shard example filter-agg}: W3 through the fluent API: keep rows with
 * {@code a > 0.5}, derive {@code c = a * b + 1}, per k sum c and count; the checksum is
 * {@code sum over k of (k+1) * (count + sum)}.
 */
public final class FilterAggregateProgram implements ExampleProgram {
    static final String NAME = "filter-agg";
    static final String DESCRIPTION = "W3: filter a > 0.5, derive c = a * b + 1, sum and count per k (100 keys)";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return DESCRIPTION;
    }

    public static Dataset query(Session session, long rows) {
        return session.generate(rows, col("a", random(1)), col("b", random(2)), col("k", randomInt(100, 3)))
                .filter(col("a").gt(0.5))
                .derive(col("a").mul(col("b")).add(1.0).as("c"))
                .groupBy("k")
                .aggregate(sum("c").as("sum"), count("count"))
                .sort("k");
    }

    public static double checksum(ColumnTable table) {
        double checksum = 0;
        for (int r = 0; r < table.rows(); r++) {
            checksum += (table.column("k").longs[r] + 1) * (table.column("count").longs[r]
                    + table.column("sum").doubles[r]);
        }
        return checksum;
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception {
        return ProgramRunner.run(NAME, ExampleOptions.usage(NAME, DESCRIPTION, DataflowOptions.specs()), arguments,
                args -> ExampleOptions.parse(NAME, DataflowOptions.specs(), args), DataflowOptions::from,
                (options, o, e) -> DataflowRun.execute(NAME, options, session -> query(session, options.rows()),
                        FilterAggregateProgram::checksum, o, e), out, err);
    }
}
