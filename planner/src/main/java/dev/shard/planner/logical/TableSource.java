package dev.shard.planner.logical;

import java.io.Serializable;
import java.util.List;
import java.nio.file.Path;

/** Where a scan reads rows from. Each knows its full schema from the data itself. */
public sealed interface TableSource extends Serializable {
    /** A short description for explain: the file, or the shared table's name. */
    String describe();

    /** An uncompressed Arrow IPC file, mapped and read zero-copy. */
    record ArrowFile(String file) implements TableSource {
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

    /** A CSV file with a header row; its schema inferred or declared. */
    record CsvFile(String file) implements TableSource {
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
     * An Arrow table already in shared memory: the encoded handle of a table shared with
     * {@code ArrowShare} that any worker opens zero-copy.
     */
    record SharedTable(String name, String encodedHandle) implements TableSource {
        @Override
        public String describe() {
            return "shared table " + name;
        }
    }

    /**
     * A shared matrix of doubles scanned as a table, zero-copy: column {@code j} of the
     * column-major matrix is the DOUBLE column {@code columnNames.get(j)}, without nulls. The
     * encoded handle is the storage's {@code SharedHandle}, which any worker opens.
     */
    record SharedMatrix(String name, String encodedHandle, List<String> columnNames) implements TableSource {
        public SharedMatrix {
            columnNames = List.copyOf(columnNames);
            if (new java.util.HashSet<>(columnNames).size() != columnNames.size()) {
                throw new IllegalArgumentException("shared matrix " + name + " names a column twice: " + columnNames);
            }
        }

        /** The matrix column a scanned column reads. */
        public int columnOf(String column) {
            int index = columnNames.indexOf(column);
            if (index < 0) {
                throw new IllegalArgumentException("shared matrix " + name + " has no column '" + column
                        + "': its columns are " + columnNames);
            }
            return index;
        }

        @Override
        public String describe() {
            return "shared matrix " + name;
        }
    }

    /**
     * The result of an earlier query of the same run, bound to {@code name} (a script's
     * {@code let name = from ...}): a placeholder for planning and explain, replaced by the
     * {@link SharedTable} the result was shared as once that query has run, so the result is
     * computed once however many later queries read it.
     */
    record NamedResult(String name) implements TableSource {
        @Override
        public String describe() {
            return "result of " + name;
        }
    }
}
