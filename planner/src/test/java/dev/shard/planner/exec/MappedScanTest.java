package dev.shard.planner.exec;

import static dev.shard.planner.testing.Plans.call;
import static dev.shard.planner.testing.Plans.col;
import static dev.shard.planner.testing.Plans.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.exec.aggregate.BlockPartial;
import dev.shard.planner.exec.aggregate.PartialAggregator;
import dev.shard.planner.exec.expr.ExpressionCompiler;
import dev.shard.planner.exec.expr.VectorEvaluator;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import dev.shard.storage.arrow.ArrowFiles;
import dev.shard.storage.arrow.SharedArrowTable;
import dev.shard.storage.copy.CopyLedger;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operators reading scanned columns in place from the mapping give bit for bit what they give
 * over the same rows copied into arrays, nulls included (int64, int32 and float64 columns with
 * nulls, NaN, -0.0, infinities, keys beyond the direct range and negative), and the in-place
 * scan copies nothing: the copy ledger stays at zero, while a reader that asks for arrays is
 * counted (so the count would catch a copy).
 */
class MappedScanTest {
    private static final int ROWS = 10_000;
    /** Batches at block starts, off a byte of the validity bits, and a short tail. */
    private static final int[][] RANGES = {{0, 4096}, {4096, 4096}, {8192, 1808}, {3, 4000}, {9001, 999}};
    private static final Schema SCHEMA = new Schema(List.of(Field.of("i64", DataType.INT), Field.of("i32",
            DataType.INT), Field.of("f64", DataType.DOUBLE), Field.of("dense", DataType.DOUBLE),
            Field.of("key", DataType.INT)));

    @TempDir
    Path directory;
    private Path file;

    @BeforeEach
    void writeFile() throws Exception {
        file = directory.resolve("mapped.arrow");
        try (BufferAllocator allocator = new RootAllocator(); VectorSchemaRoot root = table(allocator);
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
            writer.start();
            writer.writeBatch();
            writer.end();
        }
        CopyLedger.reset();
    }

    @Test
    void expressionsOverMappedColumnsMatchTheCopiedColumns() throws Exception {
        List<Expr> expressions = new ArrayList<>();
        for (ScalarFunction comparison : List.of(ScalarFunction.EQUAL, ScalarFunction.NOT_EQUAL, ScalarFunction.LESS,
                ScalarFunction.LESS_EQUAL, ScalarFunction.GREATER, ScalarFunction.GREATER_EQUAL)) {
            expressions.add(call(comparison, col("i64"), lit(40)));
            expressions.add(call(comparison, lit(40), col("i32")));
            expressions.add(call(comparison, col("i32"), lit(5_000_000_000L)));
            expressions.add(call(comparison, col("f64"), lit(0.0)));
            expressions.add(call(comparison, lit(0.25), col("dense")));
            expressions.add(call(comparison, col("i64"), col("i32")));
            expressions.add(call(comparison, col("f64"), col("i32")));
        }
        for (ScalarFunction arithmetic : List.of(ScalarFunction.ADD, ScalarFunction.SUBTRACT, ScalarFunction.MULTIPLY,
                ScalarFunction.DIVIDE, ScalarFunction.MODULO, ScalarFunction.POW)) {
            expressions.add(call(arithmetic, col("f64"), col("dense")));
            expressions.add(call(arithmetic, col("dense"), lit(1.5)));
            expressions.add(call(arithmetic, lit(-2.0), col("f64")));
            expressions.add(call(arithmetic, call(ScalarFunction.ADD, col("dense"), lit(1.0)), col("f64")));
            expressions.add(call(arithmetic, col("i32"), col("dense")));
        }
        expressions.add(call(ScalarFunction.ADD, col("i64"), col("i32")));
        expressions.add(call(ScalarFunction.CAST_DOUBLE, col("i32")));
        expressions.add(call(ScalarFunction.CAST_STRING, col("f64")));
        try (SharedArrowTable table = ArrowFiles.open(file)) {
            ArrowTableSource inPlace = ArrowTableSource.inPlace(table, SCHEMA);
            ArrowTableSource copied = new ArrowTableSource(table, SCHEMA);
            ColumnBatch mappedBatch = new ColumnBatch(SCHEMA.size());
            ColumnBatch copiedBatch = new ColumnBatch(SCHEMA.size());
            for (Expr expr : expressions) {
                VectorEvaluator overMapped = ExpressionCompiler.compile(expr, SCHEMA);
                VectorEvaluator overCopies = ExpressionCompiler.compile(expr, SCHEMA);
                for (int[] range : RANGES) {
                    inPlace.fill(mappedBatch, range[0], range[1]);
                    copied.fill(copiedBatch, range[0], range[1]);
                    assertNotNull(mappedBatch.columnInPlace(2).mapped(), "f64 is read in place");
                    assertSameValues(overCopies.evaluate(copiedBatch), overMapped.evaluate(mappedBatch), range[1],
                            expr.render() + " at " + range[0]);
                }
            }
        }
    }

    @Test
    void aggregationsOverMappedColumnsMatchTheCopiedColumns() throws Exception {
        Expr filter = call(ScalarFunction.LESS, col("i32"), lit(900));
        List<AggregateCall> aggregates = List.of(new AggregateCall("n", AggregateFunction.COUNT, null),
                new AggregateCall("s", AggregateFunction.SUM, col("dense")),
                new AggregateCall("lo", AggregateFunction.MIN, col("dense")),
                new AggregateCall("hi", AggregateFunction.MAX, col("dense")),
                new AggregateCall("m", AggregateFunction.MEAN, col("f64")),
                new AggregateCall("c", AggregateFunction.COUNT, col("i64")),
                new AggregateCall("t", AggregateFunction.SUM, col("i64")));
        try (SharedArrowTable table = ArrowFiles.open(file)) {
            // Grouped by an int32 key without nulls (in place) and by int64 with nulls (arrays), filtered
            // (a selection) and not (every row selected).
            for (String[] grouping : new String[][] {{"key", "filtered"}, {"i64", "filtered"}, {"key", "all rows"}}) {
                String key = grouping[0];
                Expr rows = grouping[1].equals("all rows") ? null : filter;
                BlockPartial expected = aggregate(new ArrowTableSource(table, SCHEMA), rows, key, aggregates);
                ArrowTableSource inPlace = ArrowTableSource.inPlace(table, SCHEMA);
                BlockPartial actual = aggregate(inPlace, rows, key, aggregates);
                assertEquals(expected.groups(), actual.groups(), "groups by " + key);
                assertSameValues(expected.keys()[0], actual.keys()[0], expected.groups(), "keys by " + key);
                for (int a = 0; a < aggregates.size(); a++) {
                    for (int s = 0; s < expected.states()[a].length; s++) {
                        assertSameValues(expected.states()[a][s], actual.states()[a][s], expected.groups(),
                                aggregates.get(a).name() + " by " + key);
                    }
                }
            }
        }
    }

    @Test
    void theScanBenchmarksShapeCopiesNothingOutOfTheMapping() throws Exception {
        Expr filter = call(ScalarFunction.LESS, col("i32"), lit(900));
        List<AggregateCall> aggregates = List.of(new AggregateCall("n", AggregateFunction.COUNT, null),
                new AggregateCall("s", AggregateFunction.SUM, col("dense")),
                new AggregateCall("lo", AggregateFunction.MIN, col("dense")),
                new AggregateCall("hi", AggregateFunction.MAX, col("f64")),
                new AggregateCall("c", AggregateFunction.COUNT, col("i64")));
        try (SharedArrowTable table = ArrowFiles.open(file)) {
            ArrowTableSource inPlace = ArrowTableSource.inPlace(table, SCHEMA);
            assertNotNull(aggregate(inPlace, filter, "key", aggregates));
            inPlace.finishShard();
            // f64 has nulls in every batch: its max takes the states' own pass, which reads arrays.
            assertEquals((long) ROWS * Double.BYTES, CopyLedger.snapshot().bytes(),
                    "only f64's values, once: " + CopyLedger.snapshot().topCallSites());
            CopyLedger.reset();
            List<AggregateCall> dense = aggregates.subList(0, 3);
            ArrowTableSource again = ArrowTableSource.inPlace(table, SCHEMA);
            assertNotNull(aggregate(again, filter, "key", dense));
            again.finishShard();
            assertEquals(0, CopyLedger.snapshot().bytes(), "filter i32 < 900, per key: count, sum, min of a"
                    + " column without nulls: " + CopyLedger.snapshot().topCallSites());
        }
    }

    @Test
    void theCopyCountSeesAReaderThatAsksForArrays() throws Exception {
        try (SharedArrowTable table = ArrowFiles.open(file)) {
            ArrowTableSource inPlace = ArrowTableSource.inPlace(table, SCHEMA);
            ColumnBatch batch = new ColumnBatch(SCHEMA.size());
            inPlace.fill(batch, 0, 4096);
            inPlace.finishShard();
            assertEquals(0, CopyLedger.snapshot().bytes(), "filling a batch copies nothing");
            BatchColumn dense = batch.column(3);
            assertNull(dense.mapped(), "column() gives the heap form");
            assertEquals(Double.valueOf(0.5 * 3 / ROWS), dense.get(3));
            inPlace.finishShard();
            CopyLedger.Snapshot copies = CopyLedger.snapshot();
            assertEquals(4096L * Double.BYTES, copies.bytes(), "one float64 batch copied into arrays");
            assertTrue(copies.topCallSites().getFirst().site().contains("ArrowTableSource"),
                    copies.topCallSites().toString());
        }
    }

    /** The block's partial of every row, or of the rows where {@code filter} holds (null: no filter). */
    private static BlockPartial aggregate(ArrowTableSource source, Expr filter, String key,
            List<AggregateCall> aggregates) {
        VectorEvaluator predicate = filter == null ? null : ExpressionCompiler.compile(filter, SCHEMA);
        PartialAggregator aggregator = new PartialAggregator(SCHEMA, List.of(key), aggregates);
        ColumnBatch batch = new ColumnBatch(SCHEMA.size());
        for (int start = 0; start < ROWS; start += ColumnBatch.CAPACITY) {
            source.fill(batch, start, Math.min(ColumnBatch.CAPACITY, ROWS - start));
            if (predicate != null) {
                batch.narrow(predicate.evaluate(batch));
            }
            aggregator.consume(batch);
        }
        return aggregator.finishBlock(0);
    }

    /** Same nulls, and the same value (Double.equals: bits, NaN and -0.0 included) at every other row. */
    private static void assertSameValues(BatchColumn expected, BatchColumn actual, int rows, String where) {
        for (int row = 0; row < rows; row++) {
            assertEquals(expected.isNull(row), actual.isNull(row), where + ": null at row " + row);
            if (!expected.isNull(row)) {
                Object want = expected.get(row);
                Object got = actual.get(row);
                assertTrue(Objects.equals(want, got), where + ": row " + row + " is " + got + ", expected " + want);
            }
        }
    }

    /** int64 with nulls every 7th row, int32 every 13th, float64 every 11th with NaN, -0.0 and infinities. */
    private static VectorSchemaRoot table(BufferAllocator allocator) {
        BigIntVector i64 = new BigIntVector("i64", allocator);
        IntVector i32 = new IntVector("i32", allocator);
        Float8Vector f64 = new Float8Vector("f64", allocator);
        Float8Vector dense = new Float8Vector("dense", allocator);
        IntVector key = new IntVector("key", allocator);
        for (var vector : List.of(i64, i32, f64, dense, key)) {
            vector.allocateNew(ROWS);
        }
        double[] specials = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int r = 0; r < ROWS; r++) {
            if (r % 7 == 0) {
                i64.setNull(r);
            } else {
                i64.set(r, (r * 31L) % 97 - 20 + (r % 50 == 1 ? 1L << 40 : 0));
            }
            if (r % 13 == 0) {
                i32.setNull(r);
            } else {
                i32.set(r, (r * 7919) % 1000 - (r % 17 == 0 ? 2_000_000_000 : 0));
            }
            if (r % 11 == 0) {
                f64.setNull(r);
            } else {
                f64.set(r, r % 23 == 0 ? specials[r % specials.length] : Math.sin(r) * 100);
            }
            dense.set(r, 0.5 * r / ROWS);
            key.set(r, r % 101 == 0 ? -3 : r % 89 == 0 ? 70_000 + r : (r * 13) % 40);
        }
        VectorSchemaRoot root = new VectorSchemaRoot(List.of(i64, i32, f64, dense, key));
        root.setRowCount(ROWS);
        return root;
    }
}
