package dev.shard.storage.segment;

import java.time.Instant;
import java.util.Optional;

/**
 * A process as pid plus start time, so that a reused pid is not mistaken for the
 * process that created a run directory.
 */
public record ProcessIdentity(long pid, long startMillis) {

    public static ProcessIdentity current() {
        return of(ProcessHandle.current()).orElseThrow();
    }

    public static Optional<ProcessIdentity> of(ProcessHandle handle) {
        return handle.info().startInstant()
                .map(Instant::toEpochMilli)
                .map(start -> new ProcessIdentity(handle.pid(), start));
    }

    /** True while the very process (same pid, same start) is running. */
    public boolean isAlive() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .flatMap(ProcessIdentity::of)
                .map(found -> Math.abs(found.startMillis - startMillis) < 1_000)
                .orElse(false);
    }

    public String encode() {
        return "pid=" + pid + "\nstart=" + startMillis + "\n";
    }

    public static Optional<ProcessIdentity> decode(String text) {
        long pid = -1;
        long start = -1;
        for (String line : text.split("\n")) {
            String[] parts = line.split("=", 2);
            if (parts.length != 2) {
                continue;
            }
            try {
                switch (parts[0].trim()) {
                    case "pid" -> pid = Long.parseLong(parts[1].trim());
                    case "start" -> start = Long.parseLong(parts[1].trim());
                    default -> { }
                }
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return pid > 0 && start > 0 ? Optional.of(new ProcessIdentity(pid, start)) : Optional.empty();
    }
}
