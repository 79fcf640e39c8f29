package dev.shard.storage.segment;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * This process's open file descriptors, read from {@code /proc/self/fd} (Linux): the
 * descriptor of a file a {@code FileChannel} of ours holds open, which Java does not
 * expose. {@link NativeFiles} reserves a new segment's blocks through it instead of
 * opening the file a second time through the FFM linker.
 *
 * <p>Only a descriptor open for writing is returned ({@code flags} in
 * {@code /proc/self/fdinfo/<fd>}). It stays valid while the caller's channel is open: a
 * segment file is new and private to this process, so no other holder can close it
 * and let its number be reused under us.
 */
final class OpenDescriptors {
    private static final Path DESCRIPTORS = Path.of("/proc/self/fd");
    private static final Path DESCRIPTOR_INFO = Path.of("/proc/self/fdinfo");
    private static final String FLAGS_LINE = "flags:";
    private static final int ACCESS_MODE = 3;
    private static final int READ_ONLY = 0;

    private OpenDescriptors() {
    }

    /** A descriptor of this process open for writing on {@code file}, or empty when there is none or /proc does not say. */
    static OptionalInt writableDescriptorOf(Path file) {
        Path target;
        try {
            target = file.toRealPath();
        } catch (IOException | SecurityException gone) {
            return OptionalInt.empty();
        }
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(DESCRIPTORS)) {
            for (Path link : descriptors) {
                OptionalInt descriptor = descriptorPointingAt(link, target);
                if (descriptor.isPresent() && isWritable(descriptor.getAsInt())) {
                    return descriptor;
                }
            }
        } catch (IOException | SecurityException | UnsupportedOperationException noProc) {
            return OptionalInt.empty();
        }
        return OptionalInt.empty();
    }

    private static OptionalInt descriptorPointingAt(Path link, Path target) {
        try {
            if (!Files.readSymbolicLink(link).equals(target)) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(Integer.parseInt(link.getFileName().toString()));
        } catch (IOException | NumberFormatException closedMeanwhile) {
            // Descriptors of other threads come and go while the directory is read.
            return OptionalInt.empty();
        }
    }

    private static boolean isWritable(int descriptor) {
        try {
            return accessModeIsWritable(Files.readAllLines(DESCRIPTOR_INFO.resolve(Integer.toString(descriptor))));
        } catch (IOException closedMeanwhile) {
            return false;
        }
    }

    /** True when the {@code flags:} line (octal) of an fdinfo text has an access mode other than read-only. */
    static boolean accessModeIsWritable(List<String> fdinfoLines) {
        for (String line : fdinfoLines) {
            if (line.startsWith(FLAGS_LINE)) {
                try {
                    int flags = Integer.parseInt(line.substring(FLAGS_LINE.length()).trim(), 8);
                    return (flags & ACCESS_MODE) != READ_ONLY;
                } catch (NumberFormatException malformed) {
                    return false;
                }
            }
        }
        return false;
    }
}
