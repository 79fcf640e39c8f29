package dev.shard.runtime.protocol;

import dev.shard.runtime.task.RunDescriptor;
import dev.shard.runtime.task.ShardContext;
import dev.shard.runtime.task.ShardKernel;
import dev.shard.runtime.task.Shards;
import dev.shard.storage.buffer.BufferReference;
import dev.shard.storage.layout.ElementType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.Serial;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The JDK's once-per-JVM work on a run's path, done on synthetic values before a worker's
 * first run: a fresh JVM's first Java serialization sets up the serialization filter and its
 * logger (a service lookup over the classpath), reflection factories and the method-handle
 * forms that build records, 20-70 ms even with every class in the AOT cache (which holds
 * classes, not that state), spent otherwise decoding the first run descriptor on the first
 * run's clock. A worker runs it on a thread of its own after its hello, while it waits for
 * the pool's other workers and its first run (bench/results/2026-12-02-first-run-trained.md).
 * Nothing here runs a kernel (a call would profile the dispatch for this kernel's type),
 * opens a file or touches a run's results.
 */
public final class TaskPathPreparation {
    private static final String PREPARATION_OUTPUT = "prepared";

    private TaskPathPreparation() {
    }

    /** Prepares; a failure only leaves the work to the first run, which reports its own errors. */
    public static void prepare() {
        try {
            run();
        } catch (RuntimeException | LinkageError ignored) {
            // The first real run meets the same condition and reports it with its context.
        }
    }

    /** A descriptor encoded and decoded, then a task batch and its results through the frame codec. */
    static void run() {
        RunDescriptor descriptor = new RunDescriptor(new PreparationKernel(1), Shards.contiguous(2, 1), Map.of(),
                Map.of(PREPARATION_OUTPUT, new BufferReference(Path.of(PREPARATION_OUTPUT), ElementType.LONG,
                        new long[] {2})), 0);
        RunDescriptor decoded = (RunDescriptor) ValueCodec.decode(ValueCodec.encode(descriptor));
        ByteBuf frames = Unpooled.buffer();
        try {
            FrameCodec.write(new Message.TaskBatch(0, 0, decoded.shards().count(), 1), frames);
            FrameCodec.read(frames);
            frames.clear();
            List<Message.ShardOutcome> outcomes = List.of(
                    new Message.ShardOutcome(0, 1, 1, true, ValueCodec.encode(0L), null, null),
                    new Message.ShardOutcome(1, 1, 1, true, ValueCodec.encode(1.0), null, null));
            FrameCodec.write(new Message.BatchDone(0, 0, outcomes.size(), true, 0, 0, 0, outcomes, 0, 0, false),
                    frames);
            Message.BatchDone done = (Message.BatchDone) FrameCodec.read(frames);
            for (Message.ShardOutcome outcome : done.outcomes()) {
                ValueCodec.decode(outcome.result());
            }
        } finally {
            frames.release();
        }
    }

    /** Only ever serialized: a record, as most kernels are, beside the plain class of a reference. */
    private record PreparationKernel(long factor) implements ShardKernel<Long> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Long run(ShardContext context) {
            return factor * context.shard().start();
        }
    }
}
