package dev.shard.storage.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The descriptor of a file this process holds open, found in /proc, and fallocate through it or without it. */
class OpenDescriptorsTest {
    @TempDir
    Path temporary;

    @Test
    void aChannelOpenForWritingIsFoundAndItsFileCanBeReserved() throws Exception {
        Path file = Files.createFile(temporary.resolve("held.seg"));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            OptionalInt descriptor = OpenDescriptors.writableDescriptorOf(file);
            assertTrue(descriptor.isPresent(), "no descriptor found for " + file);
            assertEquals(file.toRealPath(), Files.readSymbolicLink(Path.of("/proc/self/fd/" + descriptor.getAsInt())));
            assertEquals(Optional.empty(), NativeFiles.allocate(file, 1 << 20));
            assertEquals(1 << 20, channel.size());
        }
    }

    @Test
    void aChannelOpenOnlyForReadingIsNotUsed() throws Exception {
        Path file = Files.writeString(temporary.resolve("read.seg"), "x");
        try (FileChannel ignored = FileChannel.open(file, StandardOpenOption.READ)) {
            assertEquals(OptionalInt.empty(), OpenDescriptors.writableDescriptorOf(file));
        }
    }

    @Test
    void aFileNobodyHoldsOpenIsReservedThroughADescriptorOfItsOwn() throws Exception {
        Path file = Files.createFile(temporary.resolve("closed.seg"));
        assertEquals(OptionalInt.empty(), OpenDescriptors.writableDescriptorOf(file));
        assertEquals(Optional.empty(), NativeFiles.allocate(file, 64 * 1024));
        assertEquals(64 * 1024, Files.size(file));
    }

    @Test
    void theAccessModeIsReadFromTheOctalFlagsLine() {
        assertTrue(OpenDescriptors.accessModeIsWritable(List.of("pos:\t0", "flags:\t0100002", "mnt_id:\t30")));
        assertTrue(OpenDescriptors.accessModeIsWritable(List.of("flags:\t02000001")));
        assertFalse(OpenDescriptors.accessModeIsWritable(List.of("pos:\t0", "flags:\t0100000")));
        assertFalse(OpenDescriptors.accessModeIsWritable(List.of("pos:\t0")));
        assertFalse(OpenDescriptors.accessModeIsWritable(List.of("flags:\tnot-octal")));
    }
}
