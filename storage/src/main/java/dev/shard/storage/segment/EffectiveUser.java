package dev.shard.storage.segment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * This process's effective uid. On Linux it is read from {@code /proc/self/status}
 * ({@code Uid:} real, effective, saved, file-system): the first pool of a fresh driver JVM
 * needs it before spawning workers, and {@code geteuid()} through the FFM linker cost
 * 55-90 ms there (the linker's and {@link NativeFiles}' set-up, measured on 2 busy
 * cores), all on the pool's critical path. Elsewhere the linker answers.
 */
final class EffectiveUser {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final String UID_LINE = "Uid:";
    private static final int EFFECTIVE_FIELD = 1;

    private EffectiveUser() {
    }

    static int uid() {
        return fromStatus().orElseGet(NativeFiles::effectiveUid);
    }

    private static OptionalInt fromStatus() {
        List<String> lines;
        try {
            lines = Files.readAllLines(STATUS);
        } catch (IOException | SecurityException noProc) {
            return OptionalInt.empty();
        }
        return parse(lines);
    }

    /** The effective uid of a {@code /proc/<pid>/status} text, or empty when it has no well-formed Uid line. */
    static OptionalInt parse(List<String> statusLines) {
        for (String line : statusLines) {
            if (!line.startsWith(UID_LINE)) {
                continue;
            }
            String[] fields = line.substring(UID_LINE.length()).trim().split("\\s+");
            if (fields.length <= EFFECTIVE_FIELD) {
                return OptionalInt.empty();
            }
            try {
                return OptionalInt.of(Integer.parseInt(fields[EFFECTIVE_FIELD]));
            } catch (NumberFormatException malformed) {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }
}
