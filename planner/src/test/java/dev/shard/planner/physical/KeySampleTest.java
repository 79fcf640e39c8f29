package dev.shard.planner.physical;

import static dev.shard.planner.testing.Plans.agg;
import static dev.shard.planner.testing.Plans.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.logical.LogicalAggregate;
import dev.shard.planner.logical.LogicalFilter;
import dev.shard.planner.logical.LogicalScan;
import dev.shard.planner.logical.TableSource;
import dev.shard.planner.logical.WriteTarget;
import dev.shard.planner.run.TableWriters;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import dev.shard.planner.expr.Call;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.expr.ScalarFunction;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key read from an Arrow file has no bound in the plan: a sample of its values tells a
 * low-cardinality key (its partials stay small: the driver merges) from a unique one (every row
 * may be a group: estimated as the rows).
 */
class KeySampleTest {
    private static final int ROWS = 300_000;

    @TempDir
    Path directory;

    private LogicalScan file() {
        BatchColumn few = new BatchColumn(DataType.INT, ROWS);
        BatchColumn unique = new BatchColumn(DataType.INT, ROWS);
        BatchColumn value = new BatchColumn(DataType.DOUBLE, ROWS);
        for (int row = 0; row < ROWS; row++) {
            few.longs[row] = (row * 7919L) % 1_000;
            unique.longs[row] = row;
            value.doubles[row] = row * 0.5;
        }
        Schema schema = new Schema(List.of(new Field("few", DataType.INT, true), new Field("unique", DataType.INT, true),
                new Field("value", DataType.DOUBLE, true)));
        Path path = directory.resolve("keys.arrow");
        TableWriters.write(new ColumnTable(schema, ROWS, List.of(few, unique, value)), new WriteTarget.ArrowFile(path));
        return new LogicalScan(new TableSource.ArrowFile(path), schema, ROWS);
    }

    private static LogicalAggregate sumBy(String key, dev.shard.planner.logical.LogicalPlan input) {
        return new LogicalAggregate(input, List.of(key), List.of(agg("total", AggregateFunction.SUM, col("value"))));
    }

    @Test
    void aRepeatingKeyIsEstimatedFromItsSampleAndAUniqueOneAsTheRows() {
        LogicalScan scan = file();
        GroupEstimate.Estimate few = GroupEstimate.of(sumBy("few", scan), ROWS);
        assertEquals(2_000, few.groups(), few.reason());
        assertTrue(few.reason().startsWith("few ≈ 2 × 1,000 distinct values in a sample of"), few.reason());
        assertTrue(few.reason().endsWith("(an estimate, not a bound)"), few.reason());

        GroupEstimate.Estimate unique = GroupEstimate.of(sumBy("unique", scan), ROWS);
        assertEquals(ROWS, unique.groups(), unique.reason());
        assertEquals("key unique has no known bound: as many groups as rows", unique.reason());
    }

    @Test
    void theSampleFollowsTheKeyThroughAFilter() {
        LogicalScan scan = file();
        LogicalFilter filter = new LogicalFilter(scan, new Call(ScalarFunction.GREATER, List.of(col("value"),
                new Literal(1.0, DataType.DOUBLE))));
        assertEquals(2_000, GroupEstimate.of(sumBy("few", filter), ROWS).groups());
    }
}
