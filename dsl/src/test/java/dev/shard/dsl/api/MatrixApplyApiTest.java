package dev.shard.dsl.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.dsl.vector.ColumnCorrelation;
import dev.shard.dsl.vector.VectorFunctions;
import dev.shard.runtime.api.Run;
import dev.shard.runtime.task.Margin;
import dev.shard.storage.segment.SegmentStore;
import dev.shard.storage.share.Shared;
import dev.shard.storage.share.SharedDoubleArray;
import dev.shard.storage.share.SharedInput;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * memApply through the fluent API on real workers: results equal a plain loop over the same
 * cells, are bit-identical for 1 and 3 workers and for a pinned layout, and explain shows the
 * tuner's arithmetic in calls.
 */
@Timeout(300)
class MatrixApplyApiTest {
    private static final int ROWS = 1_000;
    private static final int COLUMNS = 40;

    @AfterEach
    void nothingLeftShared() {
        assertEquals(List.of(), SegmentStore.shared().owned(), "segments left open");
    }

    /** W1's shape, small: y[i] then X[i, j] = a function of (i, j) plus w_j · y[i], column-major. */
    private static double[] y() {
        double[] y = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            y[i] = Math.sin(i * 0.37) * 3;
        }
        return y;
    }

    private static double[] cells(double[] y) {
        double[] cells = new double[ROWS * COLUMNS];
        for (int j = 0; j < COLUMNS; j++) {
            for (int i = 0; i < ROWS; i++) {
                cells[j * ROWS + i] = Math.cos(i * 0.11 + j) + (j % 5) * 0.25 * y[i];
            }
        }
        return cells;
    }

    private static double[] correlations(int workers, long pinned) {
        double[] y = y();
        try (Session session = Shard.local().workers(workers).open();
                SharedInput matrix = Shared.shareMatrix(cells(y), ROWS, COLUMNS);
                SharedInput side = Shared.share(y)) {
            MatrixApplyBuilder<Double> apply = session.apply("X", matrix.handle(), Margin.COLUMNS, (column, context) -> {
                SharedDoubleArray shared = context.input("y", SharedDoubleArray.class);
                return new ColumnCorrelation(shared.memory(), shared.length()).correlation(column.column());
            }).with("y", side.handle()).describedAs("cor(column, y)").into("r");
            if (pinned > 0) {
                apply.callsPerShard(pinned);
            }
            Run<Double> run = apply.run();
            assertEquals(apply.plan().shardCount(), run.report().shards().total(), "shards run = shards planned");
            return run.results().stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    @Test
    void columnsGiveThePlainLoopsCorrelationsBitForBitOnOneAndThreeWorkersAndAnyLayout() {
        double[] y = y();
        double[] cells = cells(y);
        double[] expected = new double[COLUMNS];
        ColumnCorrelation plain = new ColumnCorrelation(MemorySegment.ofArray(y), ROWS);
        for (int j = 0; j < COLUMNS; j++) {
            expected[j] = plain.correlation(MemorySegment.ofArray(cells).asSlice((long) j * ROWS * Double.BYTES,
                    (long) ROWS * Double.BYTES));
        }
        assertArrayEquals(expected, correlations(1, 0));
        assertArrayEquals(expected, correlations(3, 0));
        assertArrayEquals(expected, correlations(2, 7));
    }

    @Test
    void rowsAreCalledOncePerRowAndExplainSaysHowTheyAreCut() {
        double[] y = y();
        double[] cells = cells(y);
        try (Session session = Shard.local().workers(2).open();
                SharedInput matrix = Shared.shareMatrix(cells, ROWS, COLUMNS)) {
            MatrixApplyBuilder<Double> apply = session.apply("X", matrix.handle(), Margin.ROWS, (row, context) -> {
                double total = 0;
                for (long k = 0; k < row.length(); k++) {
                    total += row.get(k);
                }
                return total;
            }).describedAs("sum(row)").into("sums");
            String explained = apply.explain();
            assertTrue(explained.contains("Apply — 1,000 calls (one per row of X), 1 shard of 1,000 calls on 2 workers"),
                    explained);
            assertTrue(explained.contains("shard calls 1K ← overhead: 50 × "), explained);
            assertTrue(explained.contains("MatrixApplyExec function=sum(row), matrix=X [1,000 × 40 doubles, 313 KiB"
                    + " shared, read in place], sides=none — 1,000 results into sums"), explained);
            List<Double> sums = apply.run().results();
            for (int i = 0; i < ROWS; i++) {
                double total = 0;
                for (int j = 0; j < COLUMNS; j++) {
                    total += cells[j * ROWS + i];
                }
                assertEquals(total, sums.get(i), "row " + i);
            }
        }
    }

    @Test
    void aVectorIsRefusedAsAMatrixSayingWhatToDo() {
        try (Session session = Shard.local().workers(1).open(); SharedInput vector = Shared.share(y())) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> session.apply("y", vector.handle(), Margin.COLUMNS,
                            (column, context) -> VectorFunctions.sum(column.column(), column.length())).run());
            assertTrue(refused.getMessage().contains("apply needs a matrix, but `y`"), refused.getMessage());
            assertTrue(refused.getMessage().contains("share it as a matrix, or use lapply"), refused.getMessage());
        }
    }
}
