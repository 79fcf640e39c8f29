package dev.shard.examples.quickstart;

import dev.shard.dsl.cli.ExampleProgram;
import dev.shard.examples.workload.ReferenceGenerator;
import dev.shard.runtime.api.Pool;
import dev.shard.runtime.api.ReduceRun;
import dev.shard.runtime.api.Run;
import dev.shard.runtime.api.RunOptions;
import dev.shard.runtime.task.Margin;
import dev.shard.runtime.task.Shards;
import dev.shard.storage.buffer.BufferSpec;
import dev.shard.storage.buffer.OutputBuffer;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.share.Shared;
import dev.shard.storage.share.SharedDoubleArray;
import dev.shard.storage.share.SharedInput;
import dev.shard.storage.share.SharedWriter;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tour of the Java API on real worker processes: share an input once, let workers
 * write into an output buffer, fold a reduce in shard order, apply a function to every
 * row of a non-square shared matrix, and print the run report.
 */
public final class QuickstartProgram implements ExampleProgram {
    static final int VALUES = 100_000;
    static final int MATRIX_ROWS = 7;
    static final int MATRIX_COLUMNS = 3;

    @Override
    public String name() {
        return "quickstart";
    }

    @Override
    public String description() {
        return "the README's tour: share, shardMap into an output buffer, reduce, apply, report";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception {
        if (!arguments.isEmpty()) {
            err.println("quickstart: takes no options, got " + arguments);
            return 2;
        }
        double[] values = new double[VALUES];
        for (int i = 0; i < VALUES; i++) {
            values[i] = ReferenceGenerator.uniform(0, i);
        }
        try (SharedInput x = Shared.share(values);
                SharedInput matrix = rowIndexMatrix();
                OutputBuffer y = OutputBuffer.create(BufferSpec.vector(ElementType.DOUBLE, VALUES));
                Pool pool = Pool.builder().workers(2).taskTimeout(Duration.ofMinutes(1)).start()) {
            RunOptions options = RunOptions.none().withInput("x", x.handle()).withOutput("y", y.reference());
            Run<Double> doubled = pool.shardMap(Shards.auto(VALUES, 2), context -> {
                SharedDoubleArray in = context.input("x", SharedDoubleArray.class);
                OutputBuffer target = context.output("y", OutputBuffer.class);
                context.shard().forEach(i -> target.setDouble(i, 2 * in.get(i)));
                return (double) context.shard().size();
            }, options);
            doubled.results();
            double bufferSum = 0;
            for (double value : y.toDoubleArray()) {
                bufferSum += value;
            }
            ReduceRun<Double> sum = pool.reduce(Shards.contiguous(VALUES, 10_000), context -> {
                SharedDoubleArray in = context.input("x", SharedDoubleArray.class);
                double partial = 0;
                for (long i = context.shard().start(); i < context.shard().end(); i++) {
                    partial += in.get(i);
                }
                return partial;
            }, Double::sum, 0.0, RunOptions.none().withInput("x", x.handle()));
            Run<Double> rowSums = pool.apply(matrix.handle(), Margin.ROWS, (row, context) -> row.sum(), Map.of());

            out.printf(Locale.ROOT, "check=%.12e%n", bufferSum);
            out.printf(Locale.ROOT, "reduce=%.12e%n", sum.result());
            out.println("row_sums=" + rowSums.results().stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(",")));
            out.flush();
            err.print(doubled.report().renderText());
            return 0;
        }
    }

    /** A 7 x 3 matrix whose row i holds i, i, i: row sums 3i, a non-square check of ROWS. */
    static SharedInput rowIndexMatrix() {
        SharedWriter writer = Shared.allocateMatrix(MATRIX_ROWS, MATRIX_COLUMNS, Backing.AUTO);
        for (int row = 0; row < MATRIX_ROWS; row++) {
            for (int column = 0; column < MATRIX_COLUMNS; column++) {
                writer.setDouble(row, column, row);
            }
        }
        return writer.publish();
    }
}
