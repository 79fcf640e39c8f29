package dev.shard.planner.exec;

import dev.shard.planner.PlanException;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.exec.vector.MappedValues;
import dev.shard.planner.exec.vector.MaterializedBytes;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import dev.shard.storage.arrow.SharedArrowTable;
import dev.shard.storage.copy.CopyLedger;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Rows of an Arrow table mapped zero-copy in this worker. Only the scan's columns are
 * touched. int32, int64 and float64 columns stay in the mapping: each batch's column points
 * at its rows ({@link MappedValues}) and operators with in-place loops read them there; an
 * operator without one copies the batch's values into the column's arrays, and those bytes
 * go to the copy ledger at the end of the shard. Other types are bulk-copied into the batch's
 * arrays as before (a batch-sized private copy, never the table). Buffers are viewed as
 * slices of the table's mapped segment, so a read after the table is closed fails instead of
 * touching unmapped memory.
 */
final class ArrowTableSource implements BatchSource {
    private final Schema schema;
    private final List<VectorSchemaRoot> recordBatches;
    private final long[] starts;
    private final BatchColumn[] columns;
    private final SharedArrowTable table;
    private final MemorySegment mapping;
    /** Per column, the mapped form its batches take (null: copied), and what they copied after all. */
    private final MappedValues[] mapped;
    private final MaterializedBytes materialized = new MaterializedBytes();
    private final boolean inPlace;
    /** The column readers of the record batch last read, and its index (-1: none yet). */
    private ArrowColumnReader[] readers;
    private int readersBatch = -1;

    /** A source whose batches always hold heap columns: for cursors that keep a batch's arrays. */
    ArrowTableSource(SharedArrowTable table, Schema schema) {
        this(table, schema, ColumnBatch.CAPACITY);
    }

    /** {@code capacity}: the most rows one {@link #fill} asks for (smaller for readers kept by the hundred). */
    ArrowTableSource(SharedArrowTable table, Schema schema, int capacity) {
        this(table, schema, capacity, false);
    }

    /** A scan whose fixed-width columns stay in the mapping (see the class comment). */
    static ArrowTableSource inPlace(SharedArrowTable table, Schema schema) {
        return new ArrowTableSource(table, schema, ColumnBatch.CAPACITY, true);
    }

    private ArrowTableSource(SharedArrowTable table, Schema schema, int capacity, boolean inPlace) {
        this.inPlace = inPlace;
        this.schema = schema;
        this.table = table;
        this.mapping = table.memory();
        this.recordBatches = table.batches();
        this.starts = new long[recordBatches.size() + 1];
        for (int b = 0; b < recordBatches.size(); b++) {
            starts[b + 1] = starts[b] + recordBatches.get(b).getRowCount();
        }
        this.columns = new BatchColumn[schema.size()];
        this.mapped = new MappedValues[schema.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = new BatchColumn(schema.fields().get(c).type(), capacity);
        }
    }

    int columnCount() {
        return columns.length;
    }

    private int recordBatchOf(long row) {
        int index = java.util.Arrays.binarySearch(starts, row);
        int batch = index >= 0 ? index : -index - 2;
        while (batch + 1 < starts.length - 1 && starts[batch + 1] <= row) {
            batch++;
        }
        return batch;
    }

    @Override
    public long boundaryAfter(long row) {
        return starts[recordBatchOf(row) + 1];
    }

    @Override
    public void fill(ColumnBatch batch, long firstRow, int size) {
        batch.reset(firstRow, size);
        int index = recordBatchOf(firstRow);
        int offset = (int) (firstRow - starts[index]);
        ArrowColumnReader[] current = readersOf(index);
        for (int c = 0; c < columns.length; c++) {
            current[c].load(offset, size, columns[c], mapped[c]);
            batch.setColumn(c, columns[c]);
        }
    }

    private ArrowColumnReader[] readersOf(int index) {
        if (index == readersBatch) {
            return readers;
        }
        VectorSchemaRoot root = recordBatches.get(index);
        ArrowColumnReader[] created = new ArrowColumnReader[columns.length];
        for (int c = 0; c < columns.length; c++) {
            Field field = schema.fields().get(c);
            FieldVector vector = root.getVector(field.name());
            if (vector == null) {
                throw new PlanException("the Arrow table has no column '" + field.name() + "'",
                        "its columns are " + root.getSchema().getFields());
            }
            created[c] = ArrowColumnReader.of(vector, this::memoryOf);
            MappedValues.Width width = created[c].mappedWidth();
            if (inPlace && width != null && (mapped[c] == null || mapped[c].width() != width)) {
                mapped[c] = new MappedValues(width, materialized);
            }
        }
        readers = created;
        readersBatch = index;
        return created;
    }

    /** Values that operators copied out of the mapping after all, as one copy-ledger entry per shard. */
    @Override
    public void finishShard() {
        if (materialized.bytes() > 0) {
            CopyLedger.record("arrowColumnToHeap", materialized.bytes());
            materialized.clear();
        }
    }

    /** A buffer inside the mapping as a slice of it; any other buffer (Arrow's own allocations) wrapped. */
    private MemorySegment memoryOf(ArrowBuf buffer) {
        if (buffer.capacity() > 0 && table.isInMapping(buffer)) {
            return mapping.asSlice(buffer.memoryAddress() - mapping.address(), buffer.capacity());
        }
        return ArrowColumnReader.wrap(buffer);
    }
}
