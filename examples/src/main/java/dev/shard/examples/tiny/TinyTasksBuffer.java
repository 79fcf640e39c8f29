package dev.shard.examples.tiny;

import dev.shard.examples.shared.SegmentReference;
import dev.shard.examples.shared.SharedArrays;
import dev.shard.storage.layout.ArrayDescriptor;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.Segment;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The shared output of tiny-tasks: one long per task, {@link #NOT_WRITTEN} until the
 * task writes it (zero would not do: task 0 writes 0).
 */
public final class TinyTasksBuffer implements AutoCloseable {
    /** What an unwritten slot holds: all bits set. */
    public static final long NOT_WRITTEN = -1;

    private final long tasks;
    private final Segment segment;

    private TinyTasksBuffer(long tasks, Segment segment) {
        this.tasks = tasks;
        this.segment = segment;
    }

    public static TinyTasksBuffer create(long tasks) {
        TinyTasksBuffer buffer = new TinyTasksBuffer(tasks,
                SharedArrays.create(ElementType.LONG, ArrayDescriptor.Kind.OUTPUT_BUFFER, tasks));
        buffer.clear();
        return buffer;
    }

    public long tasks() {
        return tasks;
    }

    public SegmentReference reference() {
        return SegmentReference.output(segment);
    }

    public MemorySegment elements() {
        return SharedArrays.elements(segment);
    }

    public long sharedBytes() {
        return segment.size();
    }

    /** Marks every slot {@link #NOT_WRITTEN}, so a task that never ran cannot pass on a stale value. */
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
        segment.close();
    }
}
