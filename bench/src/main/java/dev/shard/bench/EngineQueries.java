package dev.shard.bench;

import static dev.shard.dsl.api.Functions.col;
import static dev.shard.dsl.api.Functions.count;
import static dev.shard.dsl.api.Functions.max;
import static dev.shard.dsl.api.Functions.mean;
import static dev.shard.dsl.api.Functions.min;
import static dev.shard.dsl.api.Functions.random;
import static dev.shard.dsl.api.Functions.randomInt;
import static dev.shard.dsl.api.Functions.sum;

import dev.shard.dsl.api.Dataset;
import dev.shard.dsl.api.Result;
import dev.shard.dsl.api.Session;
import dev.shard.examples.dataflow.FilterAggregateProgram;
import dev.shard.examples.dataflow.GroupAggregateProgram;
import dev.shard.examples.workload.FilterDeriveAggregateWorkload;
import dev.shard.examples.workload.GroupAggregateWorkload;
import dev.shard.planner.exec.vector.ColumnTable;
import java.nio.file.Path;
import java.util.function.ToDoubleFunction;

/**
 * W2 and W3 as engine queries over either source (generated in the workers from the row
 * index, or an Arrow IPC file), and one timed, checked execution.
 */
final class EngineQueries {
    private static final double RELATIVE = 1e-9;

    private EngineQueries() {
    }

    static Dataset groupAggregateSource(Session session, long rows) {
        return session.generate(rows, col("key", randomInt(GroupAggregateWorkload.KEYS, 1)), col("value", random(2)));
    }

    static Dataset filterDeriveSource(Session session, long rows) {
        return session.generate(rows, col("a", random(1)), col("b", random(2)),
                col("k", randomInt(FilterDeriveAggregateWorkload.KEYS, 3)));
    }

    /** An Arrow IPC file as the engine's input, read zero-copy by every worker. */
    static Dataset arrowFile(Session session, Path file) {
        return session.readArrow(file);
    }

    /** W2 over a source with columns key and value: the same query as the groupagg example. */
    static Dataset groupAggregate(Dataset source) {
        return source.groupBy("key")
                .aggregate(count("count"), sum("value").as("sum"), mean("value").as("mean"), min("value").as("min"),
                        max("value").as("max"))
                .sort("key");
    }

    /** W3 over a source with columns a, b and k: the same query as the filter-agg example. */
    static Dataset filterDerive(Dataset source) {
        return source.filter(col("a").gt(0.5))
                .derive(col("a").mul(col("b")).add(1.0).as("c"))
                .groupBy("k")
                .aggregate(sum("c").as("sum"), count("count"))
                .sort("k");
    }

    static ToDoubleFunction<ColumnTable> groupAggregateChecksum() {
        return GroupAggregateProgram::checksum;
    }

    static ToDoubleFunction<ColumnTable> filterDeriveChecksum() {
        return FilterAggregateProgram::checksum;
    }

    /** The documented checksum at the default size; otherwise the single-threaded reference. */
    static double expectedGroupAggregate(long rows) {
        return rows == GroupAggregateWorkload.DEFAULT_ROWS ? GroupAggregateWorkload.DEFAULT_CHECKSUM
                : GroupAggregateWorkload.referenceChecksum(rows);
    }

    static double expectedFilterDerive(long rows) {
        return rows == FilterDeriveAggregateWorkload.DEFAULT_ROWS ? FilterDeriveAggregateWorkload.DEFAULT_CHECKSUM
                : FilterDeriveAggregateWorkload.referenceChecksum(rows);
    }

    /** One execution and its wall time (planning, the worker stage, the driver's merge and sort). */
    record Timed(Result result, double millis) {
    }

    static Timed run(Dataset query, ToDoubleFunction<ColumnTable> checksum, double expected, String who) {
        long start = System.nanoTime();
        Result result = query.execute();
        double millis = Measure.millisSince(start);
        check(checksum.applyAsDouble(result.table()), expected, who);
        return new Timed(result, millis);
    }

    static void check(double checksum, double expected, String who) {
        Measure.require(Math.abs(checksum - expected) <= Math.abs(expected) * RELATIVE,
                who + ": checksum " + checksum + " differs from " + expected + " (relative 1e-9)");
    }
}
