package dev.shard.planner.logical;

import java.io.Serializable;
import java.nio.file.Path;

/** Where a write puts its rows. Files are written under a temporary name and renamed when complete. */
public sealed interface WriteTarget extends Serializable {
    String describe();

    /** An Arrow IPC file (readable by pyarrow, DuckDB, Arrow Java). */
    record ArrowFile(Path path) implements WriteTarget {
        @Override
        public String describe() {
            return path.toString();
        }
    }

    /** CSV with a header; doubles in shortest round-trip form ({@code Double.toString}). */
    record CsvFile(Path path) implements WriteTarget {
        @Override
        public String describe() {
            return path.toString();
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
