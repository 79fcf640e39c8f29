package dev.shard.storage.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One reading of a process's memory from {@code /proc/<pid>/status} (and
 * {@code smaps_rollup} for PSS), in bytes.
 *
 * <p>{@code privateBytes} is RssAnon: heap, native and metaspace — what a worker really
 * costs. Touching pages of a shared segment raises {@code sharedBytes} (RssShmem and
 * file pages) and {@code rssBytes}, never {@code privateBytes}.
 */
public record ProcessMemory(long pid, long privateBytes, long sharedBytes, long rssBytes, long peakRssBytes,
        long pssBytes) {

    /** Reads the figures of {@code pid}; empty when the process is gone. */
    public static Optional<ProcessMemory> read(long pid) {
        return read(pid, true);
    }

    /**
     * Reads only {@code /proc/<pid>/status}: {@code pssBytes} is -1. {@code smaps_rollup}
     * walks every mapping of the process (about a millisecond on a JVM with a large heap
     * reservation), too slow for a figure read on every run or every sample.
     */
    public static Optional<ProcessMemory> readStatus(long pid) {
        return read(pid, false);
    }

    private static Optional<ProcessMemory> read(long pid, boolean withPss) {
        Path proc = Path.of("/proc", Long.toString(pid));
        String status;
        try {
            status = Files.readString(proc.resolve("status"));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
        long anon = kibField(status, "RssAnon:");
        long file = kibField(status, "RssFile:");
        long shmem = kibField(status, "RssShmem:");
        long rss = kibField(status, "VmRSS:");
        long hwm = kibField(status, "VmHWM:");
        long pss = withPss ? readPss(proc) : -1;
        return Optional.of(new ProcessMemory(pid, anon, file + shmem, rss, hwm, pss));
    }

    public static ProcessMemory self() {
        return read(ProcessHandle.current().pid()).orElseThrow();
    }

    private static long readPss(Path proc) {
        try {
            return kibField(Files.readString(proc.resolve("smaps_rollup")), "Pss:");
        } catch (IOException e) {
            return -1;
        }
    }

    /** A "Name:   1234 kB" line of a /proc file, in bytes; -1 when absent. */
    static long kibField(String text, String name) {
        int at = text.indexOf(name);
        if (at < 0 || (at > 0 && text.charAt(at - 1) != '\n')) {
            return -1;
        }
        int start = at + name.length();
        int end = text.indexOf('\n', start);
        String value = text.substring(start, end < 0 ? text.length() : end).trim();
        int space = value.indexOf(' ');
        String number = space < 0 ? value : value.substring(0, space);
        try {
            return Long.parseLong(number) * 1024;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
