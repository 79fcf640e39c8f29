package dev.shard.runtime.api;

import dev.shard.runtime.task.Margin;
import dev.shard.runtime.task.Shards;
import dev.shard.runtime.testing.WorkerProcesses;
import dev.shard.storage.share.Shared;
import dev.shard.storage.share.SharedDoubleArray;
import dev.shard.storage.share.SharedInput;
import dev.shard.storage.share.SharedMatrix;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** memshare-style apply and lapply, and the pool_lapply family, on real workers. */
@Tag("process")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ApplyProcessTest {
    private static final int ROWS = 7;
    private static final int COLUMNS = 3;
    private static Pool pool;

    @BeforeAll
    static void startPool() {
        pool = Pool.builder().workers(2).start();
    }

    @AfterAll
    static void stopPool() throws InterruptedException {
        pool.close();
        assertEquals(List.of(), WorkerProcesses.awaitNone(), "worker processes left running");
    }

    @AfterEach
    void noSegmentsLeft() {
        assertEquals(List.of(), dev.shard.storage.segment.SegmentStore.shared().owned(), "segments left open");
    }

    /** Cell (r, c) = 10·r + c, column-major. */
    private static double[] cells() {
        double[] columnMajor = new double[ROWS * COLUMNS];
        for (int column = 0; column < COLUMNS; column++) {
            for (int row = 0; row < ROWS; row++) {
                columnMajor[column * ROWS + row] = 10 * row + column;
            }
        }
        return columnMajor;
    }

    @Test
    void rowAndColumnApplyAreRightOnANonSquareMatrixWithSharedSideVariables() {
        try (SharedInput matrix = Shared.shareMatrix(cells(), ROWS, COLUMNS);
                SharedInput weights = Shared.share(new double[] {1, 2, 3})) {
            Run<Double> rows = pool.apply(matrix.handle(), Margin.ROWS, (vector, context) -> {
                SharedDoubleArray w = context.input("weights", SharedDoubleArray.class);
                double total = 0;
                for (long k = 0; k < vector.length(); k++) {
                    total += w.get(k) * vector.get(k);
                }
                return total;
            }, Map.of("weights", weights.handle()));
            Run<Double> columns = pool.apply(matrix.handle(), Margin.COLUMNS, (vector, context) -> vector.sum(),
                    Map.of());

            assertEquals(ROWS, rows.results().size());
            for (int row = 0; row < ROWS; row++) {
                double expected = 1 * (10.0 * row) + 2 * (10.0 * row + 1) + 3 * (10.0 * row + 2);
                assertEquals(expected, rows.results().get(row), "row " + row);
            }
            assertEquals(List.of(210.0, 217.0, 224.0), columns.results());
        }
    }

    @Test
    void applyRefusesAVectorWithAClearMessage() {
        try (SharedInput vector = Shared.share(new double[] {1, 2})) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> pool.apply(vector.handle(), Margin.ROWS, (v, c) -> 0.0, Map.of()));
            assertTrue(error.getMessage().startsWith("apply needs a matrix, but vector double [2] at "),
                    error.getMessage());
        }
    }

    @Test
    void lapplyVisitsEverySharedElementInOrder() {
        try (SharedInput first = Shared.share(new double[] {1, 2, 3});
                SharedInput second = Shared.shareMatrix(cells(), ROWS, COLUMNS);
                SharedInput third = Shared.share(new double[] {4})) {
            Run<String> run = pool.lapply(List.of(first.handle(), second.handle(), third.handle()),
                    (element, index, context) -> index + ":" + switch (element) {
                        case SharedMatrix matrix -> "matrix " + matrix.rows() + "x" + matrix.columns();
                        case SharedDoubleArray array -> "vector of " + array.length();
                        default -> element.getClass().getSimpleName();
                    }, Map.of());
            assertEquals(List.of("0:vector of 3", "1:matrix 7x3", "2:vector of 1"), run.results());
        }
    }

    @Test
    void poolLapplySapplyAndDispatchChunksKeepOrder() {
        List<Integer> items = java.util.stream.IntStream.range(0, 25).boxed().toList();
        assertEquals(items.stream().map(i -> i * i).toList(), pool.poolLapply(items, i -> i * i).results());
        assertArrayEquals(items.stream().mapToDouble(i -> i / 2.0).toArray(),
                pool.poolSapply(items, i -> i / 2.0));
        Run<Integer> chunks = pool.dispatchChunks(List.of(new long[] {1, 2}, new long[] {3, 4, 5}),
                chunk -> (int) java.util.Arrays.stream(chunk).sum());
        assertEquals(List.of(3, 12), chunks.results());
        assertEquals(2, chunks.report().shards().total(), "one task per chunk");
    }

    @Test
    void shardMapReadsASharedVectorAndWritesAnOutputBuffer() {
        int length = 10_000;
        double[] values = new double[length];
        java.util.Arrays.setAll(values, i -> i * 0.25);
        try (SharedInput input = Shared.share(values);
                dev.shard.storage.buffer.OutputBuffer output = dev.shard.storage.buffer.OutputBuffer.create(
                        dev.shard.storage.buffer.BufferSpec.vector(dev.shard.storage.layout.ElementType.DOUBLE,
                                length))) {
            RunOptions options = RunOptions.none().withInput("x", input.handle()).withOutput("y", output.reference());
            Run<Long> run = pool.shardMap(Shards.auto(length, 2), context -> {
                SharedDoubleArray x = context.input("x", SharedDoubleArray.class);
                dev.shard.storage.buffer.OutputBuffer y = context.output("y",
                        dev.shard.storage.buffer.OutputBuffer.class);
                context.shard().forEach(i -> y.setDouble(i, 2 * x.get(i)));
                return context.shard().size();
            }, options);
            assertEquals(length, run.results().stream().mapToLong(Long::longValue).sum());
            for (int i = 0; i < length; i++) {
                assertEquals(i * 0.5, output.getDouble(i), "element " + i);
            }
            assertEquals(0, run.report().copies().events(), "zero-copy: nothing materialized");
        }
    }

    @Test
    void misuseGetsClearErrors() {
        try (dev.shard.storage.segment.Segment segment = dev.shard.storage.segment.SegmentStore.shared()
                .create(8, dev.shard.storage.segment.Backing.SHM)) {
            Run<Integer> unknown = pool.shardMap(Shards.contiguous(1, 1), context -> {
                context.input("nope", Object.class);
                return 0;
            }, RunOptions.none().withInput("x", dev.shard.runtime.testing.SegmentArray.Reference.readOnly(segment)));
            assertTrue(unknown.failures().getFirst().error().contains(
                    "no input named 'nope' in this run; the run has inputs [x] (add it with RunOptions.withInput)"),
                    unknown.failures().getFirst().error());
        }

        Object notSerializable = new Object();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> pool.shardMap(Shards.contiguous(1, 1), context -> notSerializable.hashCode(), RunOptions.none()));
        assertTrue(error.getMessage().contains("a lambda must capture only serializable values"), error.getMessage());
        assertTrue(error.getMessage().contains("java.lang.Object"), error.getMessage());
    }
}
