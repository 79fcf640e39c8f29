package dev.shard.examples.tiny;

import dev.shard.storage.buffer.BufferReference;
import dev.shard.storage.buffer.BufferSpec;
import dev.shard.storage.buffer.OutputBuffer;
import dev.shard.storage.layout.ElementType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The shared output of tiny-tasks: a long output buffer with one slot per task,
 * {@link #NOT_WRITTEN} until the task writes it (zero would not do: task 0 writes 0).
 */
public final class TinyTasksBuffer implements AutoCloseable {
    /** What an unwritten slot holds: all bits set. */
    public static final long NOT_WRITTEN = -1;

    private final long tasks;
    private final OutputBuffer buffer;

    private TinyTasksBuffer(long tasks, OutputBuffer buffer) {
        this.tasks = tasks;
        this.buffer = buffer;
    }

    public static TinyTasksBuffer create(long tasks) {
        return new TinyTasksBuffer(tasks,
                OutputBuffer.create(BufferSpec.vector(ElementType.LONG, tasks).withInit(NOT_WRITTEN)));
    }

    public long tasks() {
        return tasks;
    }

    public BufferReference reference() {
        return buffer.reference();
    }

    public MemorySegment elements() {
        return buffer.data();
    }

    public long sharedBytes() {
        return buffer.data().byteSize();
    }

    /** Marks every slot {@link #NOT_WRITTEN} again, so a task that never ran cannot pass on a stale value. */
    public void clear() {
        elements().fill((byte) 0xFF);
    }

    /** The sum of all slots, in task order. */
    public long checksum() {
        MemorySegment values = elements();
        long sum = 0;
        for (long i = 0; i < tasks; i++) {
            sum += values.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i);
        }
        return sum;
    }

    /** The first task whose slot does not hold 2i, or -1 when every task wrote its value. */
    public long firstMissingTask() {
        MemorySegment values = elements();
        for (long i = 0; i < tasks; i++) {
            if (values.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i) != 2 * i) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        buffer.close();
    }
}
