package dev.shard.runtime.supervise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How much memory this process may use, and where that figure came from. In a container
 * the cgroup v2 limit ({@code memory.max} of this process's cgroup, from
 * {@code /proc/self/cgroup}, the smallest along its ancestors) is what the kernel enforces;
 * the host's {@code /proc/meminfo} would overstate it, and a pool sized from it would be
 * killed by the container's OOM killer instead of recycling its workers.
 *
 * @param bytes the memory available, 0 when nothing could be read
 * @param source where it came from, as the report prints it
 */
public record SystemMemory(long bytes, String source) {
    public static final String UNKNOWN = "unknown (neither a cgroup v2 memory.max nor /proc/meminfo could be read)";

    /** Reads a file's text; empty when it does not exist or cannot be read. Tests give fixtures. */
    @FunctionalInterface
    public interface FileReader {
        Optional<String> read(Path file);
    }

    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    /** This machine's figure, read once. */
    public static SystemMemory detect() {
        return Holder.DETECTED;
    }

    /** The figure as {@code files} show it: the cgroup v2 limit if one is set, else MemTotal. */
    public static SystemMemory detect(FileReader files) {
        Optional<SystemMemory> cgroup = cgroupLimit(files);
        if (cgroup.isPresent()) {
            return cgroup.get();
        }
        return files.read(Path.of("/proc/meminfo"))
                .map(text -> kibField(text, "MemTotal:"))
                .filter(bytes -> bytes > 0)
                .map(bytes -> new SystemMemory(bytes, "/proc/meminfo MemTotal"))
                .orElse(new SystemMemory(0, UNKNOWN));
    }

    private static Optional<SystemMemory> cgroupLimit(FileReader files) {
        Optional<String> membership = files.read(Path.of("/proc/self/cgroup")).flatMap(SystemMemory::unifiedPath);
        if (membership.isEmpty()) {
            return Optional.empty();
        }
        long smallest = Long.MAX_VALUE;
        Path where = null;
        // A limit set on any ancestor binds this cgroup too: take the smallest along the way up.
        for (Path group = relative(membership.get()); group != null; group = group.getParent()) {
            Path file = CGROUP_ROOT.resolve(group).resolve("memory.max");
            long limit = files.read(file).map(SystemMemory::parseMax).orElse(Long.MAX_VALUE);
            if (limit < smallest) {
                smallest = limit;
                where = file;
            }
            if (group.toString().isEmpty()) {
                break;
            }
        }
        if (where == null) {
            return Optional.empty();
        }
        return Optional.of(new SystemMemory(smallest, "cgroup v2 memory.max (" + where + ")"));
    }

    /** The path of the cgroup v2 line ("0::/a/b"), if the process has one. */
    static Optional<String> unifiedPath(String procSelfCgroup) {
        for (String line : procSelfCgroup.split("\n")) {
            if (line.startsWith("0::")) {
                return Optional.of(line.substring(3).trim());
            }
        }
        return Optional.empty();
    }

    private static Path relative(String cgroupPath) {
        String trimmed = cgroupPath.startsWith("/") ? cgroupPath.substring(1) : cgroupPath;
        return Path.of(trimmed);
    }

    /** "max" (no limit) or a byte count; anything else counts as no limit. */
    static long parseMax(String text) {
        String value = text.trim();
        if (value.equals("max") || value.isEmpty()) {
            return Long.MAX_VALUE;
        }
        try {
            long bytes = Long.parseLong(value);
            return bytes > 0 ? bytes : Long.MAX_VALUE;
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long kibField(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name)) {
                String[] parts = line.substring(name.length()).trim().split("\\s+");
                try {
                    return Long.parseLong(parts[0]) * 1024;
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private static Optional<String> readFile(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static final class Holder {
        static final SystemMemory DETECTED = detect(SystemMemory::readFile);
    }
}
