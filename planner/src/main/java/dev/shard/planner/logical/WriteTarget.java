package dev.shard.planner.logical;

import java.io.Serializable;
import java.nio.file.Path;

/** Where a write puts its rows. Files are written under a temporary name and renamed when complete. */
public sealed interface WriteTarget extends Serializable {
    String describe();

    /** An Arrow IPC file (readable by pyarrow, DuckDB, Arrow Java). */
    record ArrowFile(String file) implements WriteTarget {
        /** Kept as text: a {@code Path} is not serializable, and sources travel to workers in plan fragments. */
        public ArrowFile(Path path) {
            this(path.toString());
        }

        public Path path() {
            return Path.of(file);
        }

        @Override
        public String describe() {
            return file;
        }
    }

    /** CSV with a header; doubles in shortest round-trip form ({@code Double.toString}). */
    record CsvFile(String file) implements WriteTarget {
        /** Kept as text: a {@code Path} is not serializable, and sources travel to workers in plan fragments. */
        public CsvFile(Path path) {
            this(path.toString());
        }

        public Path path() {
            return Path.of(file);
        }

        @Override
        public String describe() {
            return file;
        }
    }

    /**
     * A shared output buffer (the storage's {@code OutputBuffer}, opened by its path) filled with
     * the result's values: one column into a vector of as many elements as rows, several into a
     * matrix of rows × columns, column-major. Its owner keeps it; the write checks every value
     * before it writes one, so a refused write leaves the buffer as it was.
     */
    record OutputBuffer(String name, String path) implements WriteTarget {
        @Override
        public String describe() {
            return "output buffer " + name;
        }
    }

    /** The format a path's extension names, or null when it names none we write. */
    static WriteTarget forPath(Path path) {
        String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".csv")) {
            return new CsvFile(path);
        }
        if (name.endsWith(".arrow") || name.endsWith(".feather") || name.endsWith(".ipc")) {
            return new ArrowFile(path);
        }
        return null;
    }
}
