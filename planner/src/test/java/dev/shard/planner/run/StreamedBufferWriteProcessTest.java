package dev.shard.planner.run;

import static dev.shard.planner.testing.Plans.as;
import static dev.shard.planner.testing.Plans.call;
import static dev.shard.planner.testing.Plans.col;
import static dev.shard.planner.testing.Plans.gt;
import static dev.shard.planner.testing.Plans.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.PlanException;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.logical.LogicalFilter;
import dev.shard.planner.logical.LogicalLimit;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalProject;
import dev.shard.planner.logical.LogicalSort;
import dev.shard.planner.logical.LogicalWrite;
import dev.shard.planner.logical.SortKey;
import dev.shard.planner.logical.WriteTarget;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.runtime.api.Pool;
import dev.shard.storage.buffer.BufferSpec;
import dev.shard.storage.buffer.OutputBuffer;
import dev.shard.storage.layout.ElementType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Rows bound for an output buffer stream from the workers' stage files into it, checked in a
 * first pass and written in a second: the buffer holds exactly the gathered result
 * (concatenated, merged in sort order, cut at a limit; more rows than one slice), for 1 and 3
 * workers and any shard layout; a null or a value the buffer cannot hold, in the last rows,
 * is refused before any value is written.
 */
@Tag("process")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class StreamedBufferWriteProcessTest {
    private static final long ROWS = 200_003;

    /** v and r (an INT into a DOUBLE buffer, exactly) of the streamed-write test's table. */
    private static LogicalPlan values(long pinned) {
        return select(StreamedWriteProcessTest.table(ROWS, pinned), List.of("v", "r"));
    }

    private static LogicalPlan select(LogicalPlan input, List<String> names) {
        return new LogicalProject(input, names.stream().map(name -> as(name, col(name))).toList());
    }

    private static Map<String, UnaryOperator<LogicalPlan>> shapes() {
        List<SortKey> keys = List.of(SortKey.descending("v"));
        return Map.of(
                "filter", input -> new LogicalFilter(input, gt(col("v"), lit(0.25))),
                "sort", input -> new LogicalSort(input, keys),
                "sort, limit", input -> new LogicalLimit(new LogicalSort(input, keys), 100_000),
                "limit", input -> new LogicalLimit(input, 70_001));
    }

    @Test
    void aStreamedBufferHoldsTheGatheredResultOnEveryLayout() throws Exception {
        try (Pool one = Pool.builder().workers(1).start(); Pool three = Pool.builder().workers(3).start()) {
            for (var shape : shapes().entrySet()) {
                ColumnTable expected = run(one, 1, shape.getValue().apply(values(0)), true).table();
                assertTrue(expected.rows() > 65_536, "more rows than one slice: " + expected.rows());
                try (OutputBuffer buffer = OutputBuffer.create(BufferSpec.matrix(ElementType.DOUBLE, expected.rows(),
                        2))) {
                    WriteTarget target = new WriteTarget.OutputBuffer("r", buffer.path().toString());
                    QueryResult streamed = run(one, 1, new LogicalWrite(shape.getValue().apply(values(0)), target),
                            false);
                    assertFalse(streamed.rowsKept(), shape.getKey());
                    assertEquals(expected.rows(), streamed.rows(), shape.getKey());
                    assertHolds(expected, buffer, shape.getKey() + ", 1 worker");
                    clear(buffer);
                    run(three, 3, new LogicalWrite(shape.getValue().apply(values(30_000)), target), false);
                    assertHolds(expected, buffer, shape.getKey() + ", 3 workers, 30,000-row shards");
                }
            }
        }
        RowsStageProcessTest.assertNoStageDirectoryLeft();
    }

    @Test
    void aNullOrALossyValueInTheLastRowsIsRefusedBeforeAnyValueIsWritten() throws Exception {
        try (Pool pool = Pool.builder().workers(2).start();
                OutputBuffer doubles = OutputBuffer.create(BufferSpec.matrix(ElementType.DOUBLE, ROWS, 2));
                OutputBuffer ints = OutputBuffer.create(BufferSpec.vector(ElementType.INT, ROWS))) {
            clear(doubles);
            // k is null on about one row in ten: sorted by k, nulls last, the first null is far past the first slice.
            LogicalPlan withNulls = new LogicalSort(select(StreamedWriteProcessTest.table(ROWS, 0),
                    List.of("k", "v")), List.of(SortKey.ascending("k")));
            PlanException nulls = assertThrows(PlanException.class, () -> run(pool, 2, new LogicalWrite(withNulls,
                    new WriteTarget.OutputBuffer("r", doubles.path().toString())), false));
            assertTrue(nulls.getMessage().contains("column 'k' into output buffer r (double): row "), nulls.getMessage());
            assertTrue(nulls.getMessage().contains(" is null, and a buffer holds no nulls"), nulls.getMessage());
            assertUntouched(doubles, 2 * ROWS);

            LogicalPlan wide = LogicalProject.derive(StreamedWriteProcessTest.table(ROWS, 0),
                    List.of(as("big", call(ScalarFunction.IF, gt(col("r"), lit(ROWS - 2)), lit(1L << 40), col("r")))));
            IntoInts refused = new IntoInts(wide);
            PlanException lossy = assertThrows(PlanException.class, () -> run(pool, 2, refused.write(ints), false));
            assertTrue(lossy.getMessage().contains("does not fit 32 bits (row " + (ROWS - 1) + ": 1099511627776)"),
                    lossy.getMessage());
            for (long i = 0; i < ROWS; i++) {
                assertEquals(0, ints.getInt(i), "element " + i + " written by a refused write");
            }
        }
        RowsStageProcessTest.assertNoStageDirectoryLeft();
    }

    /** Column big of {@code plan} into an INT buffer. */
    private record IntoInts(LogicalPlan plan) {
        LogicalPlan write(OutputBuffer buffer) {
            return new LogicalWrite(select(plan, List.of("big")),
                    new WriteTarget.OutputBuffer("r", buffer.path().toString()));
        }
    }

    private static void assertHolds(ColumnTable expected, OutputBuffer buffer, String what) {
        for (int c = 0; c < 2; c++) {
            for (int r = 0; r < expected.rows(); r++) {
                double value = ((Number) expected.columns().get(c).get(r)).doubleValue();
                long index = (long) c * expected.rows() + r;
                if (Double.doubleToRawLongBits(value) != Double.doubleToRawLongBits(buffer.getDouble(index))) {
                    throw new AssertionError(what + ": column " + c + ", row " + r + ": expected " + value
                            + ", buffer holds " + buffer.getDouble(index));
                }
            }
        }
    }

    private static void clear(OutputBuffer buffer) {
        for (long i = 0; i < buffer.length(); i++) {
            buffer.setDouble(i, -1);
        }
    }

    private static void assertUntouched(OutputBuffer buffer, long length) {
        for (long i = 0; i < length; i++) {
            assertEquals(-1.0, buffer.getDouble(i), "cell " + i + " written by a refused write");
        }
    }

    private static QueryResult run(Pool pool, int workers, LogicalPlan plan, boolean keepRows) {
        return QueryRunner.run(pool, PhysicalPlanner.plan(plan, new PlanningContext(workers, 0, 0)), source -> {
            throw new AssertionError("no scan here");
        }, keepRows);
    }
}
