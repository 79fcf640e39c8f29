package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.protocol.FrameCodec;
import dev.shard.runtime.protocol.Message;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bytes a worker receives per task do not grow with the number of shards or the
 * size of what the run needs: the run setup goes once per worker, batches carry ids.
 */
class TaskFrameSizeTest {

    @Test
    void taskFramesHaveTheSameSizeForTenOrAMillionShardsAndAnyDescriptorSize() {
        List<Integer> small = dispatchedFrameSizes(10, new byte[100]);
        List<Integer> large = dispatchedFrameSizes(1_000_000, new byte[1_000_000]);

        int setupSmall = small.getFirst();
        int setupLarge = large.getFirst();
        assertTrue(setupLarge > setupSmall, "the descriptor travels in the run setup");
        List<Integer> batchSizes = new ArrayList<>(small.subList(1, small.size()));
        batchSizes.addAll(large.subList(1, large.size()));
        assertTrue(batchSizes.size() >= 4, "prefetch sends several batches");
        int batchBytes = FrameCodec.frameBytes(new Message.TaskBatch(1, 0, 1, 1));
        for (int size : batchSizes) {
            assertEquals(batchBytes, size, "every task frame has the same size");
        }
        assertEquals(21, batchBytes);
    }

    @Test
    void runSetupIsSentOncePerWorkerPerRun() {
        RunConductor run = new RunConductor(1, new byte[10], 100, 0, 3);
        RecordingConnection connection = new RecordingConnection();
        WorkerProxy worker = new WorkerProxy(0, 0, null);
        worker.connection = connection;
        worker.state = WorkerState.READY;
        run.fill(worker, 1, Long.MAX_VALUE);
        worker.takeInFlight();
        run.fill(worker, 1, Long.MAX_VALUE);
        List<Message> sent = connection.decoded();
        assertInstanceOf(Message.RunSetup.class, sent.getFirst());
        assertEquals(1, sent.stream().filter(Message.RunSetup.class::isInstance).count());
        assertEquals(2L * RunConductor.PREFETCH, sent.stream().filter(Message.TaskBatch.class::isInstance).count());
        assertEquals(2, connection.writes(), "each fill (set-up and batches) goes to the worker in one write");
    }

    @Test
    void batchesShrinkAsTheRunDrainsAndRespectTheTaskBudget() {
        RunConductor run = new RunConductor(1, new byte[1], 10_000, 0, 3);
        run.sizing().measured(1_000, 1_000_000);
        RecordingConnection connection = new RecordingConnection();
        WorkerProxy worker = new WorkerProxy(0, 0, null);
        worker.connection = connection;
        run.fill(worker, 2, 100);
        List<Message.TaskBatch> batches = connection.decoded().stream()
                .filter(Message.TaskBatch.class::isInstance).map(Message.TaskBatch.class::cast).toList();
        assertEquals(1, batches.size(), "a budget of 100 tasks stops the prefetch after one batch");
        assertEquals(100, batches.getFirst().count());
    }

    @Test
    void theGuidedTailStopsAtAMinimumBatchInsteadOfSingleShards() {
        BatchSizing sizing = new BatchSizing(10_000);
        sizing.measured(1_000, 1_000_000);
        List<Integer> sizes = new ArrayList<>();
        for (int remaining = 10_000; remaining > 0; ) {
            int size = sizing.next(remaining, 2);
            sizes.add(size);
            remaining -= size;
        }
        int smallest = 10_000 / (2 * BatchSizing.MIN_BATCH_DIVISOR);
        assertEquals(10_000, sizes.stream().mapToInt(Integer::intValue).sum());
        assertEquals(1_250, sizes.getFirst(), "the first batch is the guided share");
        for (int i = 0; i < sizes.size() - 1; i++) {
            assertTrue(sizes.get(i) >= smallest, "batch " + i + " of " + sizes.get(i) + " shards in " + sizes);
            assertTrue(sizes.get(i + 1) <= sizes.get(i), "batches never grow: " + sizes);
        }
        assertTrue(sizes.size() < 40, "a tail of one-shard batches would take about 80: " + sizes.size());
    }

    private static List<Integer> dispatchedFrameSizes(int shards, byte[] descriptor) {
        RunConductor run = new RunConductor(1, descriptor, shards, 0, 3);
        RecordingConnection connection = new RecordingConnection();
        WorkerProxy worker = new WorkerProxy(0, 0, null);
        worker.connection = connection;
        run.fill(worker, 2, Long.MAX_VALUE);
        return connection.frameSizes();
    }
}
