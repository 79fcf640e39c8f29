package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.type.Schema;
import dev.shard.storage.arrow.ArrowFiles;
import dev.shard.storage.arrow.SharedArrowTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A read position in one shard's committed stage file, mapped zero-copy: only the rows
 * around it are copied to the heap, a batch of {@link ColumnBatch#CAPACITY} at a time, so
 * the driver can stream a result of any size to a file holding one batch per shard.
 */
public final class StageFileCursor implements AutoCloseable {
    private final SharedArrowTable table;
    private final ArrowTableSource source;
    private final ColumnBatch chunk;
    private final long count;
    private List<BatchColumn> columns = List.of();
    private long chunkStart;
    private int chunkSize;
    private long position;

    public StageFileCursor(StageFile file, Schema schema) {
        this.table = ArrowFiles.open(Path.of(file.path()));
        this.source = new ArrowTableSource(table, schema);
        this.chunk = new ColumnBatch(schema.size());
        this.count = table.rowCount();
        load();
    }

    /** True when every row of the file has been read. */
    public boolean exhausted() {
        return position >= count;
    }

    /** The columns holding the current row (valid until the next {@link #advance}). */
    public List<BatchColumn> columns() {
        return columns;
    }

    /** The current row's index in {@link #columns()}. */
    public int row() {
        return (int) (position - chunkStart);
    }

    /** Rows from the current one to the end of the loaded chunk, all readable in {@link #columns()}. */
    public int rowsInChunk() {
        return chunkSize - row();
    }

    /** Moves {@code rows} rows forward (at most {@link #rowsInChunk()}), loading the next chunk when it is used up. */
    public void advance(int rows) {
        position += rows;
        if (position >= chunkStart + chunkSize) {
            load();
        }
    }

    private void load() {
        chunkStart = position;
        chunkSize = 0;
        if (position >= count) {
            return;
        }
        chunkSize = (int) Math.min(ColumnBatch.CAPACITY, Math.min(count, source.boundaryAfter(position)) - position);
        source.fill(chunk, chunkStart, chunkSize);
        if (columns.isEmpty() && chunk.columnCount() > 0) {
            List<BatchColumn> filled = new ArrayList<>();
            for (int c = 0; c < chunk.columnCount(); c++) {
                filled.add(chunk.column(c));
            }
            columns = List.copyOf(filled);
        }
    }

    @Override
    public void close() {
        table.close();
    }
}
