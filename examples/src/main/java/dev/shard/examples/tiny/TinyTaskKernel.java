package dev.shard.examples.tiny;

import dev.shard.runtime.task.Shard;
import dev.shard.runtime.task.ShardContext;
import dev.shard.runtime.task.ShardKernel;
import dev.shard.storage.buffer.OutputBuffer;
import java.io.Serial;
import java.lang.foreign.MemorySegment;

/**
 * The tiny task in a worker: for each item i of its shard (one, normally), spin,
 * optionally leak, and write 2i into slot i of the shared buffer. Returns the sum of
 * what it wrote. A re-run writes the same values into the same slots: exactly once.
 */
public final class TinyTaskKernel implements ShardKernel<Long> {
    public static final String VALUES = "values";
    /**
     * Declared, so that neither the driver nor a worker computes the default one: that hashes
     * the class with SHA-1, which sets up the JDK's security providers, 30-150 ms on a fresh
     * JVM's first run (see ShardKernel).
     */
    @Serial
    private static final long serialVersionUID = 1L;

    private final long spinMicros;
    private final long leakKibPerTask;
    /** Per worker: this instance is deserialized at most once per worker per run, and an identical next run may reuse it with the same views. */
    private transient volatile MemorySegment values;

    public TinyTaskKernel(long spinMicros, long leakKibPerTask) {
        this.spinMicros = spinMicros;
        this.leakKibPerTask = leakKibPerTask;
    }

    @Override
    public Long run(ShardContext context) {
        MemorySegment target = values;
        if (target == null) {
            target = context.output(VALUES, OutputBuffer.class).data();
            values = target;
        }
        Shard shard = context.shard();
        if (shard.indices() != null || shard.isTile()) {
            long[] sum = {0};
            MemorySegment slots = target;
            shard.forEach(task -> sum[0] += TinyTask.run(task, spinMicros, leakKibPerTask, slots));
            return sum[0];
        }
        // A plain loop over the range: before the JIT has compiled this kernel (a pool's first
        // runs), a capturing lambda and its accumulator cost two objects per task.
        long sum = 0;
        for (long task = shard.start(); task < shard.end(); task += shard.step()) {
            sum += TinyTask.run(task, spinMicros, leakKibPerTask, target);
        }
        return sum;
    }
}
