package dev.shard.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CPU time (user + system) a process has used so far, read from {@code /proc/<pid>/stat} in
 * clock ticks of 10 ms (Linux's USER_HZ), so figures are good to about 10 ms per process. For
 * {@code --timings}: on a machine with as many cores as workers the command's wall time
 * follows the CPU its JVMs use together, so where that CPU goes is the breakdown that matters.
 */
public final class ProcessCpu {
    private static final long MILLIS_PER_TICK = 10;
    /** Fields 14 and 15 of the stat line (utime, stime), counted after the command name's ")". */
    private static final int USER_TIME_FIELD = 11;

    private ProcessCpu() {
    }

    /** Milliseconds of CPU the process has used, or empty where /proc cannot tell (not Linux, process gone). */
    public static OptionalLong millis(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The CPU milliseconds in a {@code /proc/<pid>/stat} line; empty if it is not one. */
    static OptionalLong parse(String statLine) {
        int afterName = statLine.lastIndexOf(')');
        if (afterName < 0) {
            return OptionalLong.empty();
        }
        String[] fields = statLine.substring(afterName + 1).strip().split(" ");
        if (fields.length <= USER_TIME_FIELD + 1) {
            return OptionalLong.empty();
        }
        long ticks = Long.parseLong(fields[USER_TIME_FIELD]) + Long.parseLong(fields[USER_TIME_FIELD + 1]);
        return OptionalLong.of(ticks * MILLIS_PER_TICK);
    }
}
