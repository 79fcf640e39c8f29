package dev.shard.planner.exec;

import static dev.shard.planner.testing.Plans.call;
import static dev.shard.planner.testing.Plans.col;
import static dev.shard.planner.testing.Plans.lit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.shard.planner.exec.expr.ExpressionCompiler;
import dev.shard.planner.exec.expr.VectorEvaluator;
import dev.shard.planner.exec.vector.ColumnBatch;
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
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A filter that narrows the selection in one pass over a mapped integer column keeps exactly
 * the rows the two-pass path (compare into a boolean column over copied arrays, then narrow)
 * keeps: every comparison, the constant on either side, constants at and beyond the ends of
 * int32 and int64, with every row selected and after an earlier filter, columns with and
 * without nulls; and it copies nothing out of the mapping.
 */
class MappedSelectionTest {
    private static final int ROWS = 9_000;
    private static final int[][] RANGES = {{0, 4096}, {4096, 4096}, {8192, 808}, {3, 4000}};
    private static final Schema SCHEMA = new Schema(List.of(Field.of("i32", DataType.INT), Field.of("i64",
            DataType.INT), Field.of("nullable", DataType.INT), Field.of("dense", DataType.DOUBLE)));
    private static final long[] CONSTANTS = {0, 1, -1, 900, -3, Integer.MIN_VALUE, Integer.MAX_VALUE,
            Integer.MIN_VALUE - 1L, Integer.MAX_VALUE + 1L, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1,
            Long.MAX_VALUE - 1, 1L << 40};

    @TempDir
    Path directory;

    @Test
    void oneAndTwoPassFiltersKeepTheSameRows() throws Exception {
        Path file = write(directory.resolve("selection.arrow"));
        List<Expr> filters = new ArrayList<>();
        for (ScalarFunction comparison : List.of(ScalarFunction.EQUAL, ScalarFunction.NOT_EQUAL, ScalarFunction.LESS,
                ScalarFunction.LESS_EQUAL, ScalarFunction.GREATER, ScalarFunction.GREATER_EQUAL)) {
            for (long constant : CONSTANTS) {
                for (String column : new String[] {"i32", "i64", "nullable"}) {
                    filters.add(call(comparison, col(column), lit(constant)));
                    filters.add(call(comparison, lit(constant), col(column)));
                }
            }
        }
        Expr earlier = call(ScalarFunction.LESS, col("dense"), lit(0.3));
        try (SharedArrowTable table = ArrowFiles.open(file)) {
            ArrowTableSource inPlace = ArrowTableSource.inPlace(table, SCHEMA);
            ArrowTableSource copied = new ArrowTableSource(table, SCHEMA);
            ColumnBatch mapped = new ColumnBatch(SCHEMA.size());
            ColumnBatch arrays = new ColumnBatch(SCHEMA.size());
            VectorEvaluator first = ExpressionCompiler.compile(earlier, SCHEMA);
            for (Expr filter : filters) {
                VectorEvaluator onePass = ExpressionCompiler.compile(filter, SCHEMA);
                VectorEvaluator twoPass = ExpressionCompiler.compile(filter, SCHEMA);
                for (int[] range : RANGES) {
                    for (boolean afterAnotherFilter : new boolean[] {false, true}) {
                        inPlace.fill(mapped, range[0], range[1]);
                        copied.fill(arrays, range[0], range[1]);
                        assertNotNull(mapped.columnInPlace(0).mapped(), "i32 is read in place");
                        if (afterAnotherFilter) {
                            first.narrow(mapped);
                            arrays.narrow(first.evaluate(arrays));
                        }
                        onePass.narrow(mapped);
                        arrays.narrow(twoPass.evaluate(arrays));
                        String where = filter.render() + " at " + range[0] + (afterAnotherFilter ? " after "
                                + earlier.render() : "");
                        assertArrayEquals(selected(arrays), selected(mapped), where);
                    }
                }
            }
            inPlace.finishShard();
        }
        assertEquals(0, inPlaceCopies(file), "the one-pass filter reads the mapping in place");
    }

    /** What an in-place scan filtered on i32 and i64 copies out of the mapping. */
    private long inPlaceCopies(Path file) throws Exception {
        CopyLedger.reset();
        try (SharedArrowTable table = ArrowFiles.open(file)) {
            ArrowTableSource inPlace = ArrowTableSource.inPlace(table, SCHEMA);
            ColumnBatch batch = new ColumnBatch(SCHEMA.size());
            VectorEvaluator i32 = ExpressionCompiler.compile(call(ScalarFunction.LESS, col("i32"), lit(900)), SCHEMA);
            VectorEvaluator i64 = ExpressionCompiler.compile(call(ScalarFunction.GREATER_EQUAL, lit(7), col("i64")),
                    SCHEMA);
            for (int start = 0; start < ROWS; start += ColumnBatch.CAPACITY) {
                inPlace.fill(batch, start, Math.min(ColumnBatch.CAPACITY, ROWS - start));
                i32.narrow(batch);
                i64.narrow(batch);
            }
            inPlace.finishShard();
        }
        return CopyLedger.snapshot().bytes();
    }

    private static int[] selected(ColumnBatch batch) {
        int[] rows = new int[batch.selectedCount()];
        Arrays.setAll(rows, batch::selected);
        return rows;
    }

    /** i32 and i64 without nulls (ends of their ranges included), an int32 with nulls, a double for a first filter. */
    private static Path write(Path file) throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                IntVector i32 = new IntVector("i32", allocator);
                BigIntVector i64 = new BigIntVector("i64", allocator);
                IntVector nullable = new IntVector("nullable", allocator);
                Float8Vector dense = new Float8Vector("dense", allocator)) {
            for (var vector : List.of(i32, i64, nullable, dense)) {
                vector.allocateNew(ROWS);
            }
            int[] intEnds = {Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE + 1, Integer.MAX_VALUE - 1};
            long[] longEnds = {Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1,
                    Integer.MAX_VALUE + 1L, 1L << 40};
            for (int r = 0; r < ROWS; r++) {
                i32.set(r, r % 37 == 0 ? intEnds[r % intEnds.length] : (r * 7919) % 1000 - 50);
                i64.set(r, r % 41 == 0 ? longEnds[r % longEnds.length] : (r * 31L) % 97 - 20);
                if (r % 13 == 0) {
                    nullable.setNull(r);
                } else {
                    nullable.set(r, (r * 7919) % 1000);
                }
                dense.set(r, (r * 0.618034) % 1.0);
            }
            VectorSchemaRoot root = new VectorSchemaRoot(List.of(i32, i64, nullable, dense));
            root.setRowCount(ROWS);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
                    ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
                writer.start();
                writer.writeBatch();
                writer.end();
            }
        }
        return file;
    }
}
