package dev.shard.examples.workload;

/** Workload W4 (tiny tasks): task i returns {@code 2i}; the checksum is their sum. */
public final class TinyTasksWorkload {
    public static final long DEFAULT_TASKS = 10_000;

    private TinyTasksWorkload() {
    }

    public static long value(long task) {
        return 2 * task;
    }

    /** The sum of 2i over i in [0, tasks), added up one task at a time. */
    public static long referenceChecksum(long tasks) {
        long sum = 0;
        for (long i = 0; i < tasks; i++) {
            sum += value(i);
        }
        return sum;
    }
}
