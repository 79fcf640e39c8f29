package dev.shard.bench;

import dev.shard.runtime.report.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The CPU time of worker processes, read from {@code /proc/<pid>/stat} (user and system time of
 * all threads: the stage, the worker's loop, its collector and compiler threads, in clock ticks
 * of 10 ms: about 1% of a scan run). Read
 * before and after a run, it gives the engine's CPU per row, which does not grow when other
 * processes take the cores the way wall time does.
 */
final class WorkerCpu {
    private WorkerCpu() {
    }

    /** The pids of the run's workers, in worker order. */
    static List<Long> pids(RunReport report) {
        return report.workers().stream().map(RunReport.WorkerReport::pid).toList();
    }

    /** Nanoseconds in a clock tick: USER_HZ, 100 on Linux for x86-64 and arm64. */
    private static final long TICK_NANOS = 10_000_000;
    /** utime and stime in the fields after the command name's closing parenthesis (proc(5) fields 14, 15). */
    private static final int USER_TIME = 11;
    private static final int SYSTEM_TIME = 12;

    /** The CPU nanoseconds of all {@code pids} together; -1 when one is gone or unreadable (not Linux). */
    static long nanos(List<Long> pids) {
        long ticks = 0;
        for (long pid : pids) {
            try {
                String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
                ticks += Long.parseLong(fields[USER_TIME]) + Long.parseLong(fields[SYSTEM_TIME]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return ticks * TICK_NANOS;
    }
}
