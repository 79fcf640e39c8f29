package dev.shard.dsl.vector;

import dev.shard.storage.arrow.ArrowFiles;
import dev.shard.storage.arrow.SharedArrowTable;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * {@code read_matrix "m.arrow"}: an Arrow IPC file whose columns are all non-null doubles is
 * an n × p matrix, column j of the file being column j of the matrix. The file is mapped, not
 * read; {@link #copyInto} copies each column's values straight from the mapping into a
 * column-major shared buffer, batch by batch.
 */
public final class MatrixFile implements AutoCloseable {
    private final Path path;
    private final SharedArrowTable table;

    private MatrixFile(Path path, SharedArrowTable table) {
        this.path = path;
        this.table = table;
    }

    /**
     * Opens {@code path} and checks that it is a matrix; an {@link IllegalArgumentException}
     * says what is wrong (a column that is not double, no columns).
     */
    public static MatrixFile open(Path path) {
        SharedArrowTable table = ArrowFiles.open(path);
        try {
            List<Field> fields = table.schema().getFields();
            if (fields.isEmpty()) {
                throw new IllegalArgumentException(path.getFileName() + " has no columns; read_matrix needs one double"
                        + " column per matrix column");
            }
            for (Field field : fields) {
                if (!(field.getType() instanceof ArrowType.FloatingPoint point)
                        || point.getPrecision() != FloatingPointPrecision.DOUBLE) {
                    throw new IllegalArgumentException("column `" + field.getName() + "` of " + path.getFileName()
                            + " is " + field.getType() + ", but read_matrix needs every column to be double (float64);"
                            + " cast it when writing the file, or read it as a table with `from \"file\"`");
                }
            }
            return new MatrixFile(path, table);
        } catch (RuntimeException invalid) {
            table.close();
            throw invalid;
        }
    }

    public long rows() {
        return table.rowCount();
    }

    public long columns() {
        return table.schema().getFields().size();
    }

    /** Copies the matrix into {@code target}, column-major ({@code rows() × columns()} doubles). */
    public void copyInto(MemorySegment target) {
        MemorySegment mapping = table.memory();
        long rows = rows();
        long first = 0;
        for (VectorSchemaRoot batch : table.batches()) {
            int count = batch.getRowCount();
            for (int column = 0; column < columns(); column++) {
                Float8Vector vector = (Float8Vector) batch.getVector(column);
                requireNoNulls(vector, count, first);
                long at = (column * rows + first) * Double.BYTES;
                if (table.isInMapping(vector.getDataBuffer())) {
                    long offset = vector.getDataBuffer().memoryAddress() - mapping.address();
                    MemorySegment.copy(mapping, offset, target, at, (long) count * Double.BYTES);
                    continue;
                }
                for (int row = 0; row < count; row++) {
                    target.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, at / Double.BYTES + row,
                            vector.get(row));
                }
            }
            first += count;
        }
    }

    private void requireNoNulls(Float8Vector vector, int count, long first) {
        if (vector.getNullCount() == 0) {
            return;
        }
        for (int row = 0; row < count; row++) {
            if (vector.isNull(row)) {
                throw new IllegalArgumentException("column `" + vector.getName() + "` of " + path.getFileName()
                        + " is null at row " + (first + row) + "; a matrix has no nulls");
            }
        }
    }

    @Override
    public void close() {
        table.close();
    }
}
