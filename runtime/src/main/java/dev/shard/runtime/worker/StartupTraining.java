package dev.shard.runtime.worker;

import dev.shard.runtime.protocol.FrameCodec;
import dev.shard.runtime.protocol.Message;
import dev.shard.runtime.protocol.ValueCodec;
import dev.shard.runtime.task.RunDescriptor;
import dev.shard.runtime.task.ShardContext;
import dev.shard.runtime.task.ShardKernel;
import dev.shard.runtime.task.Shards;
import dev.shard.storage.SharedReference;
import dev.shard.storage.buffer.BufferSpec;
import dev.shard.storage.buffer.OutputBuffer;
import dev.shard.storage.layout.ElementType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Map;

/**
 * The workload the worker recording the AOT cache runs before it exits, so the cache holds
 * the task path's classes and method profiles (JDK 25 records profiles while
 * {@code -XX:AOTCacheOutput} is set, JEP 515), not only start-up's: decoding a run
 * descriptor, mapping an output, task frames in, the kernel dispatch, packing the
 * results and writing the result frames (not the kernels' own memory accesses: see
 * {@link TrainingKernel}). It runs the worker's own {@link BatchExecutor}
 * and {@link OpenedReferences} in process, no socket, over a buffer it creates and
 * removes. Every pool's first run then starts from those profiles instead of cold ones.
 */
final class StartupTraining {
    /** Set by the driver on the worker that records the AOT cache. */
    static final String PROPERTY = "shard.worker.train";
    private static final int TASKS = 16_384;
    private static final int BATCH = 512;
    private static final int ROUNDS = 4;
    private static final String VALUES = "shard.training.values";

    private StartupTraining() {
    }

    static boolean requested() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** Runs the training rounds; a failure only means a less trained cache, never a failed exit. */
    static void run(BatchExecutor executor) {
        long started = System.nanoTime();
        try (OutputBuffer values = OutputBuffer.create(BufferSpec.vector(ElementType.LONG, 1));
                OpenedReferences opened = new OpenedReferences()) {
            Map<String, SharedReference<?>> outputs = Map.of(VALUES, values.reference());
            for (int round = 0; round < ROUNDS; round++) {
                // One-item shards (tiny tasks) and 64-item blocks (a kernel over a range).
                Shards shards = round % 2 == 0 ? Shards.contiguous(TASKS, 1) : Shards.contiguous(TASKS, 64);
                byte[] encoded = ValueCodec.encode(new RunDescriptor(new TrainingKernel(), shards, Map.of(), outputs,
                        round));
                runOnce(executor, round, (RunDescriptor) ValueCodec.decode(encoded), opened);
            }
            System.err.printf("shard worker: trained the task path for the AOT cache in %.0f ms%n",
                    (System.nanoTime() - started) / 1e6);
        } catch (RuntimeException | LinkageError e) {
            System.err.println("shard worker: training the task path for the AOT cache failed: " + e);
        }
    }

    private static void runOnce(BatchExecutor executor, int runId, RunDescriptor descriptor,
            OpenedReferences opened) {
        ByteBuf frames = Unpooled.buffer();
        try (RunResources resources = new RunResources(descriptor, opened)) {
            int count = descriptor.shards().count();
            for (int first = 0; first < count; first += BATCH) {
                frames.clear();
                FrameCodec.write(new Message.TaskBatch(runId, first, Math.min(BATCH, count - first), 1), frames);
                Message.TaskBatch batch = (Message.TaskBatch) FrameCodec.read(frames);
                executor.execute(batch, descriptor, resources, null, new MemoryGuard(),
                        (complete, outcomes, unclaimed) -> {
                            frames.clear();
                            FrameCodec.write(new Message.BatchDone(runId, batch.firstShard(), batch.count(), complete,
                                    0, 0, 0, outcomes), frames);
                        });
            }
        } finally {
            frames.release();
        }
    }

    /**
     * Sums its shard's items, like a tiny task, after opening the run's output as a kernel
     * would. It never reads or writes the buffer's elements: JDK 25 records the profiles of
     * the JDK's own memory-access code too, and elements of one type here would profile it
     * for that type only, which a kernel writing doubles then pays for with deoptimizations
     * (measured: generating colcor's X took 2-4x longer from a cache trained that way).
     */
    private record TrainingKernel() implements ShardKernel<Long> {
        @Override
        public Long run(ShardContext context) {
            context.output(VALUES, OutputBuffer.class);
            long sum = 0;
            for (long item = context.shard().start(); item < context.shard().end(); item++) {
                sum += 2 * item;
            }
            return sum;
        }
    }
}
