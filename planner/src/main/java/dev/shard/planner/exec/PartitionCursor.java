package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.type.Schema;
import dev.shard.storage.arrow.SharedArrowTable;

/**
 * A read position in one joined partition file, mapped zero-copy: the rows around it are
 * copied {@code chunkRows} at a time into {@code chunk} (fewer than a batch when a shard
 * keeps hundreds of cursors, see PartitionedJoinReader.chunkRows). Rows are sorted by probe origin, so the
 * first row of a shard is found by binary search and later rows by walking forward.
 */
final class PartitionCursor {
    private final ArrowTableSource rows;
    private final int chunkRows;
    private final ArrowTableSource origins;
    private final long count;
    private final int originRow;
    private final int originPosition;
    private final ColumnBatch chunk;
    private final ColumnBatch probe = new ColumnBatch(1, 1);
    private long position = -1;
    private long chunkStart;
    private int chunkSize;

    /** {@code chunkRows}: rows copied per read, at most {@link ColumnBatch#CAPACITY}. */
    PartitionCursor(SharedArrowTable table, Schema file, int chunkRows) {
        this.chunkRows = chunkRows;
        this.rows = new ArrowTableSource(table, file, chunkRows);
        int[] origin = PartitionedJoinReader.originColumns(file);
        this.originRow = origin[0];
        this.originPosition = origin[1];
        this.origins = new ArrowTableSource(table, new Schema(java.util.List.of(file.fields().get(originRow))), 1);
        this.count = table.rowCount();
        this.chunk = new ColumnBatch(file.size(), chunkRows);
    }

    /** Moves to the first row whose probe row is ≥ {@code row}, once per shard (batches only move forward). */
    void skipBefore(long row) {
        if (position >= 0) {
            return;
        }
        long low = 0;
        long high = count;
        while (low < high) {
            long middle = (low + high) >>> 1;
            origins.fill(probe, middle, 1);
            if (probe.column(0).longs[0] < row) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        position = low;
        chunkSize = 0;
    }

    /** The probe row (first row of its probe batch) of the next row; the cursor must not be exhausted. */
    long originRow() {
        load();
        return chunk.column(originRow).longs[chunkIndex()];
    }

    /** The next row's position in its probe shard; the cursor must not be exhausted. */
    long originPosition() {
        load();
        return chunk.column(originPosition).longs[chunkIndex()];
    }

    /** True when every row of the file has been read. */
    boolean exhausted() {
        return position >= count;
    }

    ColumnBatch chunk() {
        return chunk;
    }

    int chunkIndex() {
        return (int) (position - chunkStart);
    }

    /** Moves to the next row; true when it exists and comes from the same probe row as the one left. */
    boolean advanceWithinOrigin() {
        long row = chunk.column(originRow).longs[chunkIndex()];
        long at = chunk.column(originPosition).longs[chunkIndex()];
        position++;
        if (position >= count) {
            return false;
        }
        load();
        return chunk.column(originRow).longs[chunkIndex()] == row
                && chunk.column(originPosition).longs[chunkIndex()] == at;
    }

    private void load() {
        if (position >= chunkStart && position < chunkStart + chunkSize) {
            return;
        }
        chunkStart = position;
        chunkSize = (int) Math.min(chunkRows, Math.min(count, rows.boundaryAfter(position)) - position);
        rows.fill(chunk, chunkStart, chunkSize);
    }
}
