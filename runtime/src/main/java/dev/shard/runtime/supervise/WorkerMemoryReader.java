package dev.shard.runtime.supervise;

import dev.shard.storage.memory.ProcessMemory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the figures supervision and the run report use — private (RssAnon), shared (RssFile +
 * RssShmem) and resident bytes — from {@code /proc/<pid>/statm} instead of
 * {@code /proc/<pid>/status}. The kernel fills both from the same per-process counters
 * (statm's resident is anon + file + shmem pages, its shared is file + shmem pages), so the
 * figures are the same; statm is one short line of numbers, where status has the kernel
 * format some sixty lines (signal masks, CPU lists) that the driver then searches by name.
 * The driver reads every worker at every run's end, on the path a run's caller waits on.
 *
 * <p>What statm lacks is left unread: {@code peakRssBytes} (VmHWM, the kernel's own peak) and
 * {@code pssBytes} are -1. The report's peaks are the maximum of the readings taken.
 */
public final class WorkerMemoryReader {
    /** The auxiliary vector's entry type for the page size ({@code AT_PAGESZ} in elf.h). */
    private static final long AT_PAGE_SIZE = 6;
    private static final long PAGE_BYTES = pageBytes();

    private WorkerMemoryReader() {
    }

    /** The figures of {@code pid}; empty when the process is gone or its figures cannot be read. */
    public static Optional<ProcessMemory> read(long pid) {
        byte[] line;
        try {
            line = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "statm"));
        } catch (IOException gone) {
            return Optional.empty();
        }
        return parse(pid, line, PAGE_BYTES);
    }

    /**
     * The figures in one statm line: size, resident, shared, text, lib, data, dirty, in pages.
     * Empty when it holds fewer than three numbers (a process in the middle of exiting).
     */
    static Optional<ProcessMemory> parse(long pid, byte[] line, long pageBytes) {
        long[] fields = new long[3];
        int field = 0;
        long value = 0;
        boolean inNumber = false;
        for (int i = 0; i < line.length && field < fields.length; i++) {
            int digit = line[i] - '0';
            if (digit >= 0 && digit <= 9) {
                value = value * 10 + digit;
                inNumber = true;
            } else if (inNumber) {
                fields[field++] = value;
                value = 0;
                inNumber = false;
            }
        }
        if (inNumber && field < fields.length) {
            fields[field++] = value;
        }
        if (field < fields.length) {
            return Optional.empty();
        }
        long resident = fields[1] * pageBytes;
        long shared = fields[2] * pageBytes;
        return Optional.of(new ProcessMemory(pid, resident - shared, shared, resident, -1, -1));
    }

    /**
     * The kernel's page size, statm's unit, from this process's auxiliary vector (pairs of
     * native words: type, value). Driver and workers run on one kernel, so it is theirs too.
     */
    private static long pageBytes() {
        try {
            ByteBuffer vector = ByteBuffer.wrap(Files.readAllBytes(Path.of("/proc/self/auxv")))
                    .order(ByteOrder.nativeOrder());
            while (vector.remaining() >= 2 * Long.BYTES) {
                long type = vector.getLong();
                long value = vector.getLong();
                if (type == AT_PAGE_SIZE) {
                    return value;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the page size from /proc/self/auxv: " + e.getMessage(), e);
        }
        throw new IllegalStateException("/proc/self/auxv holds no page size (AT_PAGESZ)");
    }
}
