package dev.shard.runtime.driver;

import dev.shard.runtime.worker.WorkerMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The driver's side of {@code -Dshard.worker.timings=<file>}: milliseconds from the pool's
 * first spawn to the listener bound, to each worker's hello accepted and to all connected,
 * appended to the file the workers write their own steps to as one line
 * ({@code driver ms after spawn: listener bound 3.1, hello accepted 151.0, ...}). Off (and
 * free) without the property.
 */
final class DriverStartTimings {
    private static final int MAX_STEPS = 32;

    private final String file;
    private final long spawnedNanos;
    private final String[] steps = new String[MAX_STEPS];
    private final long[] atNanos = new long[MAX_STEPS];
    private int recorded;

    private DriverStartTimings(String file, long spawnedNanos) {
        this.file = file;
        this.spawnedNanos = spawnedNanos;
    }

    /** Recording from now (just before the first spawn), or null when the property is not set. */
    static DriverStartTimings startIfAsked() {
        String file = System.getProperty(WorkerMain.TIMINGS_PROPERTY, "");
        return file.isBlank() ? null : new DriverStartTimings(file, epochNanos());
    }

    synchronized void mark(String step) {
        if (recorded < MAX_STEPS) {
            steps[recorded] = step;
            atNanos[recorded++] = epochNanos();
        }
    }

    /** Appends the steps as one line (one write, so it does not mix with the workers' lines). */
    synchronized void write() {
        StringBuilder line = new StringBuilder("driver ms after spawn:");
        for (int step = 0; step < recorded; step++) {
            long micros = (atNanos[step] - spawnedNanos) / 1_000;
            line.append(step == 0 ? " " : ", ").append(steps[step]).append(' ')
                    .append(micros / 1_000).append('.').append(micros % 1_000 / 100);
        }
        try {
            Files.writeString(Path.of(file), line.append('\n'), StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            System.err.println("shard: cannot write start-up timings to " + file + " (-D"
                    + WorkerMain.TIMINGS_PROPERTY + "): " + e);
        }
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
