package dev.shard.dsl.api;

import static dev.shard.dsl.api.Functions.col;
import static dev.shard.dsl.api.Functions.count;
import static dev.shard.dsl.api.Functions.max;
import static dev.shard.dsl.api.Functions.min;
import static dev.shard.dsl.api.Functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.explain.ExplainLevel;
import dev.shard.planner.explain.ExplainText;
import dev.shard.storage.segment.SegmentStore;
import dev.shard.storage.share.Shared;
import dev.shard.storage.share.SharedInput;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A shared matrix scanned as a table on real workers: every query reads its columns in place,
 * agrees with a plain loop over the same cells, and gives the same bits for 1 and 3 workers and
 * a pinned shard size; explain names the scan and only the columns a query uses.
 */
@Timeout(300)
class MatrixScanTest {
    private static final int ROWS = 300_000;
    private static final int COLUMNS = 4;

    @AfterEach
    void nothingLeftShared() {
        assertEquals(List.of(), SegmentStore.shared().owned(), "segments left open");
    }

    private static double cell(int row, int column) {
        return Math.sin(row * 0.001 + column) * (column + 1);
    }

    private static double[] cells() {
        double[] cells = new double[ROWS * COLUMNS];
        for (int column = 0; column < COLUMNS; column++) {
            for (int row = 0; row < ROWS; row++) {
                cells[column * ROWS + row] = cell(row, column);
            }
        }
        return cells;
    }

    /** rows with b > 0.5; e = a·b + 1; count, sum(e), min(a), max(d). */
    private static ColumnTable aggregate(int workers, long pinnedRows) {
        try (Session session = Shard.local().workers(workers).open();
                SharedInput matrix = Shared.shareMatrix(cells(), ROWS, COLUMNS)) {
            Dataset scan = session.scanMatrix("M", matrix.handle(), "a", "b", "c", "d");
            if (pinnedRows > 0) {
                scan = scan.shardRows(pinnedRows);
            }
            return scan.filter(col("b").gt(0.5)).derive(col("a").mul(col("b")).add(1).as("e"))
                    .groupBy().aggregate(count("n"), sum("e"), min("a"), max("d")).execute().table();
        }
    }

    @Test
    void anAggregateOverTheMatrixMatchesAPlainLoopWithTheSameBitsForAnyLayout() {
        long n = 0;
        double e = 0;
        double minA = Double.POSITIVE_INFINITY;
        double maxD = Double.NEGATIVE_INFINITY;
        for (int row = 0; row < ROWS; row++) {
            double a = cell(row, 0);
            double b = cell(row, 1);
            if (b > 0.5) {
                n++;
                e += a * b + 1;
                minA = Math.min(minA, a);
                maxD = Math.max(maxD, cell(row, 3));
            }
        }
        ColumnTable two = aggregate(2, 0);
        assertEquals(List.of(n), List.of(two.row(0).get(0)));
        assertEquals(e, (double) two.row(0).get(1), Math.abs(e) * 1e-12);
        assertEquals(minA, two.row(0).get(2));
        assertEquals(maxD, two.row(0).get(3));
        assertEquals(two.row(0), aggregate(1, 0).row(0));
        assertEquals(two.row(0), aggregate(3, 65_536).row(0));
    }

    @Test
    void rowsComeBackAsTheCellsAndExplainNamesOnlyTheColumnsUsed() {
        try (Session session = Shard.local().workers(2).open();
                SharedInput matrix = Shared.shareMatrix(cells(), ROWS, COLUMNS)) {
            Dataset query = session.scanMatrix("M", matrix.handle()).filter(col("c1").lt(-1.9)).select("c3", "c1");
            String explained = ExplainText.render(query.explain(ExplainLevel.PLAN), ExplainLevel.PLAN);
            assertTrue(explained.contains("MatrixScanExec"), explained);
            assertTrue(explained.contains("shared matrix M"), explained);
            assertTrue(!explained.contains("c0") && !explained.contains("c2"), explained);
            String verbose = ExplainText.render(query.explain(ExplainLevel.VERBOSE), ExplainLevel.VERBOSE);
            assertTrue(verbose.contains("After rule prune_columns (changed)"), verbose);
            ColumnTable rows = query.execute().table();
            int found = 0;
            for (int row = 0; row < ROWS; row++) {
                if (cell(row, 1) < -1.9) {
                    assertEquals(List.of(cell(row, 3), cell(row, 1)), rows.row(found), "row " + row);
                    found++;
                }
            }
            assertEquals(found, rows.rows());
            assertTrue(found > 1_000, "the filter keeps " + found + " rows");
        }
    }

    @Test
    void namesThatDoNotFitTheMatrixAreRefusedSayingHowToFixThem() {
        try (Session session = Shard.local().workers(1).open();
                SharedInput matrix = Shared.shareMatrix(cells(), ROWS, COLUMNS);
                SharedInput vector = Shared.share(new double[] {1, 2, 3})) {
            IllegalArgumentException wrongCount = assertThrows(IllegalArgumentException.class,
                    () -> session.scanMatrix("M", matrix.handle(), "a", "b"));
            assertEquals("`M` has 4 columns but 2 names were given: name every column, or none for c0, c1, ...",
                    wrongCount.getMessage());
            IllegalArgumentException notAMatrix = assertThrows(IllegalArgumentException.class,
                    () -> session.scanMatrix("v", vector.handle()));
            assertTrue(notAMatrix.getMessage().contains("is a vector: share it with Shared.shareMatrix"),
                    notAMatrix.getMessage());
        }
    }
}
