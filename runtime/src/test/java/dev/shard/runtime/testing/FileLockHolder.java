package dev.shard.runtime.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Holds a file lock in a process of its own, as an assembler of the workers' AOT cache holds
 * the cache's: prints {@code locked} once it holds it, and lets it go when its input ends.
 */
public final class FileLockHolder {
    private FileLockHolder() {
    }

    public static void main(String[] arguments) throws IOException {
        try (FileChannel channel = FileChannel.open(Path.of(arguments[0]), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // Until the parent closes our input (or dies).
            }
        }
    }
}
