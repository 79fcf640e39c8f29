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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
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
        return file("keys.arrow", 1_000);
    }

    /** A file whose column "few" takes {@code distinct} values. */
    private LogicalScan file(String name, int distinct) {
        BatchColumn few = new BatchColumn(DataType.INT, ROWS);
        BatchColumn unique = new BatchColumn(DataType.INT, ROWS);
        BatchColumn value = new BatchColumn(DataType.DOUBLE, ROWS);
        for (int row = 0; row < ROWS; row++) {
            few.longs[row] = (row * 7919L) % distinct;
            unique.longs[row] = row;
            value.doubles[row] = row * 0.5;
        }
        Schema schema = new Schema(List.of(new Field("few", DataType.INT, true), new Field("unique", DataType.INT, true),
                new Field("value", DataType.DOUBLE, true)));
        Path path = directory.resolve(name);
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

    /**
     * A sample is remembered for the file's version (file key, size, modification time): the same
     * file planned again is not read again, and a file written anew is sampled anew. Proven by a
     * rewrite that keeps size and time, which only a remembered sample survives.
     */
    @Test
    void aSampleIsRememberedForTheFilesVersionOnly() throws Exception {
        LogicalScan scan = file("versions.arrow", 1_000);
        Path path = ((TableSource.ArrowFile) scan.source()).path();
        assertEquals(2_000, GroupEstimate.of(sumBy("few", scan), ROWS).groups());

        FileTime time = Files.getLastModifiedTime(path);
        byte[] fewer = Files.readAllBytes(((TableSource.ArrowFile) file("fewer.arrow", 500).source()).path());
        assertEquals(Files.size(path), fewer.length, "both files have the same layout");
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(fewer));
        }
        Files.setLastModifiedTime(path, time);
        assertEquals(2_000, GroupEstimate.of(sumBy("few", scan), ROWS).groups(),
                "the same version: the remembered sample, not the file's new content");

        Files.setLastModifiedTime(path, FileTime.fromMillis(time.toMillis() + 1_000));
        assertEquals(1_000, GroupEstimate.of(sumBy("few", scan), ROWS).groups(), "a new version is sampled again");
    }
}
