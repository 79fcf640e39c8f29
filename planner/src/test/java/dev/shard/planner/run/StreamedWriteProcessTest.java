package dev.shard.planner.run;

import static dev.shard.planner.testing.Plans.as;
import static dev.shard.planner.testing.Plans.call;
import static dev.shard.planner.testing.Plans.col;
import static dev.shard.planner.testing.Plans.gt;
import static dev.shard.planner.testing.Plans.lit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.expr.Literal;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.logical.LogicalFilter;
import dev.shard.planner.logical.LogicalGenerate;
import dev.shard.planner.logical.LogicalLimit;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalShardRows;
import dev.shard.planner.logical.LogicalSort;
import dev.shard.planner.logical.LogicalWrite;
import dev.shard.planner.logical.SortKey;
import dev.shard.planner.logical.WriteTarget;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.planner.type.DataType;
import dev.shard.runtime.api.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows bound for a CSV or Arrow file stream from the workers' stage files into it: the file
 * is byte for byte the one written from the gathered result (concatenated, merged in sort
 * order, cut at a limit; nulls; empty and one-row results; more rows than one slice), the
 * same for 1 and 3 workers and any shard layout, and the result refuses to hand out rows
 * it did not keep.
 */
@Tag("process")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class StreamedWriteProcessTest {
    @TempDir
    Path directory;

    static LogicalPlan table(long rows, long pinned) {
        LogicalPlan generate = new LogicalGenerate(rows, List.of(
                as("k", call(ScalarFunction.IF, call(ScalarFunction.LESS, call(ScalarFunction.RANDOM, lit(1)),
                        lit(0.1)), Literal.nullOf(DataType.INT), call(ScalarFunction.RANDOM_INT, lit(50), lit(2)))),
                as("v", call(ScalarFunction.RANDOM, lit(3))), as("r", call(ScalarFunction.ROW))));
        return pinned > 0 ? new LogicalShardRows(generate, pinned) : generate;
    }

    private static Map<String, java.util.function.UnaryOperator<LogicalPlan>> shapes() {
        List<SortKey> keys = List.of(SortKey.ascending("k"), SortKey.descending("v"));
        return Map.of(
                "filter", input -> new LogicalFilter(input, gt(col("v"), lit(0.25))),
                "sort", input -> new LogicalSort(input, keys),
                "sort, limit", input -> new LogicalLimit(new LogicalSort(input, keys), 100_000),
                "limit", input -> new LogicalLimit(input, 70_001));
    }

    @Test
    void streamedFilesEqualTheGatheredOnesOnEveryLayout() throws Exception {
        try (Pool one = Pool.builder().workers(1).start(); Pool three = Pool.builder().workers(3).start()) {
            for (long rows : new long[] {0, 1, 200_003}) {
                for (var shape : shapes().entrySet()) {
                    for (String extension : List.of("csv", "arrow")) {
                        String what = shape.getKey() + ", " + rows + " rows, ." + extension;
                        LogicalPlan query = shape.getValue().apply(table(rows, 0));
                        byte[] gathered = write(one, 1, query, extension, true, what);
                        assertArrayEquals(gathered, write(one, 1, query, extension, false, what), what);
                        LogicalPlan pinned = shape.getValue().apply(table(rows, 30_000));
                        assertArrayEquals(gathered, write(three, 3, pinned, extension, false, what),
                                what + ", 3 workers, 30,000-row shards");
                    }
                }
            }
        }
        RowsStageProcessTest.assertNoStageDirectoryLeft();
    }

    @Test
    void aStreamedResultCountsItsRowsAndRefusesToHandThemOut() throws Exception {
        Path file = directory.resolve("sorted.csv");
        try (Pool pool = Pool.builder().workers(2).start()) {
            LogicalPlan query = new LogicalLimit(new LogicalSort(table(50_000, 0), List.of(SortKey.ascending("v"))),
                    12_345);
            QueryResult result = run(pool, 2, new LogicalWrite(query, new WriteTarget.CsvFile(file)), false);
            assertFalse(result.rowsKept());
            assertEquals(12_345, result.rows());
            assertEquals(12_346, Files.readAllLines(file).size(), "header and rows");
            IllegalStateException refused = assertThrows(IllegalStateException.class, result::table);
            assertTrue(refused.getMessage().contains("streamed into " + file), refused.getMessage());
            List<String> notes = result.explanation().stages().getLast().notes();
            assertTrue(notes.stream().anyMatch(note -> note.startsWith("the rows were streamed from the workers")),
                    notes.toString());
            QueryResult kept = run(pool, 2, new LogicalWrite(query, new WriteTarget.CsvFile(file)), true);
            assertTrue(kept.rowsKept());
            assertEquals(12_345, kept.table().rows());
        }
        assertFalse(Files.exists(directory.resolve("sorted.csv.tmp")), "no temporary file left");
    }

    private byte[] write(Pool pool, int workers, LogicalPlan query, String extension, boolean keepRows, String what)
            throws Exception {
        Path file = directory.resolve("out." + extension);
        WriteTarget target = extension.equals("csv") ? new WriteTarget.CsvFile(file) : new WriteTarget.ArrowFile(file);
        QueryResult result = run(pool, workers, new LogicalWrite(query, target), keepRows);
        assertEquals(keepRows, result.rowsKept(), what);
        byte[] bytes = Files.readAllBytes(file);
        Files.delete(file);
        return bytes;
    }

    private static QueryResult run(Pool pool, int workers, LogicalPlan plan, boolean keepRows) {
        return QueryRunner.run(pool, PhysicalPlanner.plan(plan, new PlanningContext(workers, 0, 0)), source -> {
            throw new AssertionError("no scan here");
        }, keepRows);
    }
}
