package dev.shard.runtime.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Where a worker's start goes, for diagnosing the pool's start: with
 * {@code -Dshard.worker.timings=<file>} on the driver, each worker appends one line to that
 * file with the milliseconds from its spawn ({@value #SPAWNED_PROPERTY}, epoch nanoseconds
 * the driver passes) to each step: main entered, driver watch started, conductor made,
 * socket opened (the JDK's unix-socket set-up), connected, hello written (on the wire), frame
 * buffer made (the main thread's first Netty buffer, after the hello; Netty's set-up began at
 * main's first line on another thread), frames ready. Steps are recorded first
 * and written together at the end, so that writing costs no step anything. Off by default:
 * nothing is recorded.
 */
final class WorkerStartTimings {
    static final String PROPERTY = "shard.worker.timings";
    /** Set by the driver: epoch nanoseconds just before it started this worker's process. */
    static final String SPAWNED_PROPERTY = "shard.worker.spawned";
    private static final int MAX_STEPS = 16;

    private static final String FILE = System.getProperty(PROPERTY, "");
    private static final long SPAWNED = FILE.isBlank() ? 0 : spawned();
    private static final String[] STEPS = new String[MAX_STEPS];
    private static final long[] AT_NANOS = new long[MAX_STEPS];
    private static int recorded;

    private WorkerStartTimings() {
    }

    /** Records that {@code step} ends now, the first time only (called on the main thread only). */
    static void mark(String step) {
        if (SPAWNED == 0 || recorded == MAX_STEPS) {
            return;
        }
        for (int earlier = 0; earlier < recorded; earlier++) {
            if (STEPS[earlier].equals(step)) {
                // A retried connect: its first attempt's steps are the ones that tell the start-up's cost.
                return;
            }
        }
        Instant now = Instant.now();
        STEPS[recorded] = step;
        AT_NANOS[recorded++] = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Appends the steps recorded so far to the file, as one line (one write, so workers' lines do not mix). */
    static void write(int workerId) {
        if (recorded == 0) {
            return;
        }
        StringBuilder line = new StringBuilder("worker ").append(workerId).append(" ms after spawn:");
        for (int step = 0; step < recorded; step++) {
            long micros = (AT_NANOS[step] - SPAWNED) / 1_000;
            line.append(step == 0 ? " " : ", ").append(STEPS[step]).append(' ')
                    .append(micros / 1_000).append('.').append(micros % 1_000 / 100);
        }
        recorded = 0;
        try {
            Files.writeString(Path.of(FILE), line.append('\n'), StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            System.err.println("shard worker: cannot write start-up timings to " + FILE + " (-D" + PROPERTY + "): " + e);
        }
    }

    private static long spawned() {
        try {
            return Long.parseLong(System.getProperty(SPAWNED_PROPERTY, "0").strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
