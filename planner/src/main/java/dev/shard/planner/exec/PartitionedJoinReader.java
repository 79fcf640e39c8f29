package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.physical.PipelineExec.PartitionedJoinExec;
import dev.shard.planner.physical.SinkExec.PartitionRowsExec;
import dev.shard.planner.type.Schema;
import dev.shard.runtime.task.ShardContext;
import dev.shard.storage.arrow.SharedArrowTable;

/**
 * A partitioned join's rows, back in probe order. Each joined file is sorted by probe
 * origin (first source row of the probe batch, then position in the probe shard): the
 * probe side was written in order and each partition probed in order. For a batch of
 * probe row indices [a, b) this merges, over the partitions' heads (a heap: O(log P) per
 * probe row that has matches), the rows whose origin lies in [a, b) — one probe row's
 * matches are consecutive in one partition, in build-row order — so the output is the
 * broadcast join's, row for row.
 */
final class PartitionedJoinReader implements ExpandingOperator {
    private final PartitionCursor[] cursors;
    private final int[] sourceColumn;
    private final BatchColumn[] outColumns;
    private final ColumnBatch out;
    /** Built at the shard's first batch, once every cursor is at the shard's first probe row. */
    private CursorHeap heap;
    private ColumnBatch input;
    private long end;

    PartitionedJoinReader(PartitionedJoinExec exec, ShardContext context) {
        Schema file = exec.joinedFile();
        this.cursors = new PartitionCursor[exec.partitions()];
        int chunkRows = chunkRows(cursors.length);
        for (int p = 0; p < cursors.length; p++) {
            cursors[p] = new PartitionCursor(context.input(exec.joinedInput() + p, SharedArrowTable.class), file,
                    chunkRows);
        }
        this.sourceColumn = exec.output().names().stream().mapToInt(file::indexOf).toArray();
        this.outColumns = exec.output().fields().stream()
                .map(field -> new BatchColumn(field.type(), ColumnBatch.CAPACITY)).toArray(BatchColumn[]::new);
        this.out = new ColumnBatch(outColumns.length);
        for (int c = 0; c < outColumns.length; c++) {
            out.setColumn(c, outColumns[c]);
        }
    }

    /** Rows buffered over all cursors of a shard: 16 batches, whatever the number of partitions. */
    static final int BUFFERED_ROWS = 16 * ColumnBatch.CAPACITY;
    private static final int MIN_CHUNK_ROWS = 64;

    /**
     * Rows each of {@code partitions} cursors copies per read: a whole batch up to 16
     * partitions, then less, so a shard buffers {@link #BUFFERED_ROWS} rows (P = 1,024: 64 rows
     * each, 64K rows in all, where a batch each held 4M) and never fewer than 64 per cursor.
     */
    static int chunkRows(int partitions) {
        return Math.max(MIN_CHUNK_ROWS, Math.min(ColumnBatch.CAPACITY, BUFFERED_ROWS / Math.max(1, partitions)));
    }

    @Override
    public void start(ColumnBatch batch) {
        input = batch;
        end = batch.firstRow() + batch.size();
        if (heap == null) {
            for (PartitionCursor cursor : cursors) {
                cursor.skipBefore(batch.firstRow());
            }
            heap = new CursorHeap(cursors);
        }
    }

    @Override
    public ColumnBatch next() {
        if (input == null) {
            return null;
        }
        for (BatchColumn column : outColumns) {
            column.hasNulls = false;
        }
        int rows = 0;
        while (rows < ColumnBatch.CAPACITY) {
            PartitionCursor first = heap.firstBefore(end);
            if (first == null) {
                break;
            }
            // A probe row's matches are consecutive in its partition: copy them without re-merging.
            boolean sameOrigin;
            do {
                ColumnBatch chunk = first.chunk();
                int at = first.chunkIndex();
                for (int c = 0; c < outColumns.length; c++) {
                    outColumns[c].copyRow(chunk.column(sourceColumn[c]), at, rows);
                }
                rows++;
                sameOrigin = first.advanceWithinOrigin();
            } while (sameOrigin && rows < ColumnBatch.CAPACITY);
            if (!sameOrigin) {
                heap.firstMoved();
            }
        }
        if (rows == 0) {
            input = null;
            return null;
        }
        out.reset(input.firstRow(), rows);
        return out;
    }

    /** Column positions of the probe origin in a joined file. */
    static int[] originColumns(Schema file) {
        return new int[] {file.indexOf(PartitionRowsExec.PROBE_ROW), file.indexOf(PartitionRowsExec.PROBE_POSITION)};
    }
}
