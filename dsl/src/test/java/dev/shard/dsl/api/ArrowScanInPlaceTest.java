package dev.shard.dsl.api;

import static dev.shard.dsl.api.Functions.col;
import static dev.shard.dsl.api.Functions.count;
import static dev.shard.dsl.api.Functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.runtime.report.RunReport;
import dev.shard.storage.segment.SegmentStore;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scan benchmark's query (filter m &lt; 900, per k: count, sum x, y, z) over a 256 MiB
 * Arrow file on two real workers reads the columns where they are mapped: the run report's
 * copies out of shared memory stay at zero bytes and no worker's private memory grows by 5% of
 * the file; W3's shape (filter, derive a·b + 1, sum) copies nothing either. A query with an
 * INT sum, which has no in-place loop, is counted by the same ledger,
 * so a scan that copied would fail here.
 */
@Tag("process")
@Timeout(300)
class ArrowScanInPlaceTest {
    private static final int BATCH_ROWS = 1 << 20;
    private static final int BATCHES = 8;
    private static final int KEYS = 100;

    @AfterEach
    void nothingLeftShared() {
        assertEquals(List.of(), SegmentStore.shared().owned(), "segments left open");
    }

    @Test
    void aScanFilterAggregateCopiesNothingOutOfTheMapping() throws Exception {
        Path file = Files.createTempFile(Path.of("/dev/shm"), "shard-scan-in-place-", ".arrow");
        try {
            long fileBytes = write(file);
            try (Session session = Shard.local().workers(2).open()) {
                Dataset query = session.readArrow(file).filter(col("m").lt(900)).groupBy("k")
                        .aggregate(count("n"), sum("x").as("sx"), sum("y").as("sy"), sum("z").as("sz"));
                Result result = query.execute();
                for (int run = 0; run < 2; run++) {
                    result = query.execute();
                }
                assertReference(result.table());
                RunReport report = result.report().orElseThrow();
                assertEquals(0, report.copies().bytes(), "copies out of shared memory:\n" + report.renderText());
                for (RunReport.WorkerReport worker : report.workers()) {
                    long growth = worker.peakPrivateBytes() - worker.baselinePrivateBytes();
                    assertTrue(growth < fileBytes / 20, "worker " + worker.id() + " grew by " + growth
                            + " bytes scanning a " + fileBytes + "-byte file:\n" + report.renderText());
                }

                Result w3 = session.readArrow(file).filter(col("x").gt(100.0))
                        .derive(col("x").mul(col("y")).add(1.0).as("c")).groupBy("k")
                        .aggregate(sum("c").as("sc"), count("n")).execute();
                assertEquals(KEYS, w3.rows());
                assertEquals(0, w3.report().orElseThrow().copies().bytes(), "W3's shape copies nothing either:\n"
                        + w3.report().orElseThrow().renderText());

                Result intSum = session.readArrow(file).groupBy("k").aggregate(sum("m").as("sm")).execute();
                RunReport counted = intSum.report().orElseThrow();
                assertEquals((long) BATCH_ROWS * BATCHES * Integer.BYTES, counted.copies().bytes(),
                        "an INT sum reads m through arrays, each value once:\n" + counted.renderText());
                assertTrue(counted.copies().topCallSites().getFirst().site().contains("ArrowTableSource"),
                        counted.renderText());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static double x(long i) {
        return (i % 1009) * 0.25;
    }

    private static int m(long i) {
        return (int) ((i * 7919) % 1000);
    }

    private static int k(long i) {
        return (int) ((i * 31) % KEYS);
    }

    /** Sums of quarter-integers below 2^40: exact in any order, so a plain loop is the reference. */
    private static void assertReference(ColumnTable table) {
        long[] counts = new long[KEYS];
        double[] sums = new double[KEYS];
        for (long i = 0; i < (long) BATCH_ROWS * BATCHES; i++) {
            if (m(i) < 900) {
                counts[k(i)]++;
                sums[k(i)] += x(i);
            }
        }
        assertEquals(KEYS, table.rows());
        for (int r = 0; r < table.rows(); r++) {
            int key = (int) table.column("k").longs[r];
            assertEquals(counts[key], table.column("n").longs[r], "count of key " + key);
            assertEquals(sums[key], table.column("sx").doubles[r], "sum x of key " + key);
            assertEquals(2 * sums[key], table.column("sy").doubles[r], "sum y of key " + key);
            assertEquals(-sums[key], table.column("sz").doubles[r], "sum z of key " + key);
        }
    }

    /** 8M rows of x, y = 2x, z = -x (float64) and k, m (int32) in 1M-row record batches: 256 MiB. */
    private static long write(Path file) throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                Float8Vector x = new Float8Vector("x", allocator);
                Float8Vector y = new Float8Vector("y", allocator);
                Float8Vector z = new Float8Vector("z", allocator);
                IntVector k = new IntVector("k", allocator);
                IntVector m = new IntVector("m", allocator);
                VectorSchemaRoot root = new VectorSchemaRoot(List.of(x, y, z, k, m));
                FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
            writer.start();
            for (int batch = 0; batch < BATCHES; batch++) {
                for (var vector : List.of(x, y, z)) {
                    vector.allocateNew(BATCH_ROWS);
                }
                k.allocateNew(BATCH_ROWS);
                m.allocateNew(BATCH_ROWS);
                for (int r = 0; r < BATCH_ROWS; r++) {
                    long i = (long) batch * BATCH_ROWS + r;
                    x.set(r, x(i));
                    y.set(r, 2 * x(i));
                    z.set(r, -x(i));
                    k.set(r, k(i));
                    m.set(r, m(i));
                }
                root.setRowCount(BATCH_ROWS);
                writer.writeBatch();
            }
            writer.end();
        }
        return Files.size(file);
    }
}
