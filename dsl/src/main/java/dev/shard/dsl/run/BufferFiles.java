package dev.shard.dsl.run;

import dev.shard.storage.buffer.OutputBuffer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code write r "path"}: a double buffer as CSV (header, then one line per row; doubles in
 * shortest round-trip form), written under a temporary name and renamed when complete.
 */
final class BufferFiles {
    private BufferFiles() {
    }

    static void writeCsv(String name, OutputBuffer buffer, Path path) {
        Path absolute = path.toAbsolutePath();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        long rows = buffer.rank() == 1 ? buffer.length() : buffer.rows();
        long columns = buffer.rank() == 1 ? 1 : buffer.columns();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            try (BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                StringBuilder line = new StringBuilder();
                for (long c = 0; c < columns; c++) {
                    line.append(c == 0 ? "" : ",").append(columns == 1 ? name : name + "_" + (c + 1));
                }
                out.write(line.append('\n').toString());
                for (long r = 0; r < rows; r++) {
                    line.setLength(0);
                    for (long c = 0; c < columns; c++) {
                        line.append(c == 0 ? "" : ",").append(Double.toString(buffer.getDouble(c * rows + r)));
                    }
                    out.write(line.append('\n').toString());
                }
            }
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // The write's own failure is what the user needs.
            }
            throw new UncheckedIOException("cannot write " + absolute + ": " + e.getMessage(), e);
        }
    }
}
