package dev.shard.runtime.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where a worker's time goes inside a run, for finding what is neither compute nor the
 * driver: with {@code -Dshard.worker.trace=<file>} on the driver, each worker records the
 * clock ({@link System#nanoTime}, CLOCK_MONOTONIC on Linux, so comparable with the driver's
 * and the other workers' readings on one machine) at each step of a run — setup received
 * and decoded, a batch received and begun, each shard's start, end and end of result
 * encoding, each part sent — and appends them to that file as one line at the run's end
 * (one write, so workers' lines do not mix). Off by default: a step then costs one branch.
 */
final class RunTrace {
    static final String PROPERTY = "shard.worker.trace";
    private static final String FILE = System.getProperty(PROPERTY, "");
    static final boolean ON = !FILE.isBlank();
    private static final int MAX_STEPS = 4096;

    private static final String[] STEPS = new String[MAX_STEPS];
    private static final int[] SHARDS = new int[MAX_STEPS];
    private static final long[] AT_NANOS = new long[MAX_STEPS];
    private static int recorded;

    private RunTrace() {
    }

    /**
     * Records {@code step} of {@code shard} (-1: none; for a frame's encoding, its bytes) at
     * {@code nanos}; steps may come from the socket thread too.
     */
    static synchronized void mark(String step, int shard, long nanos) {
        if (!ON || recorded == MAX_STEPS) {
            return;
        }
        STEPS[recorded] = step;
        SHARDS[recorded] = shard;
        AT_NANOS[recorded++] = nanos;
    }

    /** Appends the run's steps as {@code worker <id> run <run>: step[shard]@nanos ...} and starts afresh. */
    static synchronized void write(int workerId, int runId) {
        if (!ON || recorded == 0) {
            return;
        }
        StringBuilder line = new StringBuilder("worker ").append(workerId).append(" pid ")
                .append(ProcessHandle.current().pid()).append(" run ").append(runId).append(':');
        for (int step = 0; step < recorded; step++) {
            line.append(' ').append(STEPS[step]);
            if (SHARDS[step] >= 0) {
                line.append('[').append(SHARDS[step]).append(']');
            }
            line.append('@').append(AT_NANOS[step]);
        }
        recorded = 0;
        try {
            Files.writeString(Path.of(FILE), line.append('\n'), StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            System.err.println("shard worker: cannot write the run trace to " + FILE + " (-D" + PROPERTY + "): " + e);
        }
    }
}
