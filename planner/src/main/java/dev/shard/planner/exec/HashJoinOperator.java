package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.logical.JoinKey;
import dev.shard.planner.logical.JoinType;
import dev.shard.planner.physical.PipelineExec.HashJoinExec;
import dev.shard.planner.type.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * The probe of a broadcast hash join: for each selected left row in order, its matches
 * in build-row order (a left join keeps an unmatched row once, with nulls on the right),
 * cut into output batches of at most a batch's capacity; the position in the input and
 * in the current chain carry over between output batches.
 */
final class HashJoinOperator implements ExpandingOperator {
    private final BuildTables.BuildSide build;
    private final boolean keepUnmatched;
    private final int[] leftKeys;
    private final int leftColumns;
    private final BatchColumn[] rightColumns;
    private final BatchColumn[] outColumns;
    private final ColumnBatch out;
    private final BatchColumn[] probeKeys;
    private ColumnBatch input;
    private int position;
    private int match;

    HashJoinOperator(HashJoinExec join, BuildTables.BuildSide build) {
        this.build = build;
        this.keepUnmatched = join.type() == JoinType.LEFT;
        this.leftKeys = join.keys().stream().mapToInt(key -> join.input().indexOf(key.left())).toArray();
        this.probeKeys = new BatchColumn[leftKeys.length];
        this.leftColumns = join.input().size();
        List<String> rightKeys = join.keys().stream().map(JoinKey::right).toList();
        ColumnTable rows = build.rows();
        List<BatchColumn> right = new ArrayList<>();
        for (Field field : join.build().fields()) {
            if (!rightKeys.contains(field.name())) {
                right.add(rows.column(field.name()));
            }
        }
        this.rightColumns = right.toArray(BatchColumn[]::new);
        this.outColumns = join.output().fields().stream()
                .map(field -> new BatchColumn(field.type(), ColumnBatch.CAPACITY)).toArray(BatchColumn[]::new);
        this.out = new ColumnBatch(outColumns.length);
        for (int c = 0; c < outColumns.length; c++) {
            out.setColumn(c, outColumns[c]);
        }
    }

    @Override
    public void start(ColumnBatch batch) {
        input = batch;
        position = 0;
        match = -2;
        for (int k = 0; k < leftKeys.length; k++) {
            probeKeys[k] = batch.column(leftKeys[k]);
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
        while (rows < ColumnBatch.CAPACITY && position < input.selectedCount()) {
            int left = input.selected(position);
            if (match == -2) {
                match = build.table().first(probeKeys, left);
                if (match < 0) {
                    if (keepUnmatched) {
                        emit(left, -1, rows++);
                    }
                    position++;
                    match = -2;
                    continue;
                }
            }
            emit(left, match, rows++);
            match = build.table().next(match);
            if (match < 0) {
                position++;
                match = -2;
            }
        }
        if (rows == 0) {
            input = null;
            return null;
        }
        out.reset(input.firstRow(), rows);
        return out;
    }

    private void emit(int left, int right, int row) {
        for (int c = 0; c < leftColumns; c++) {
            outColumns[c].copyRow(input.column(c), left, row);
        }
        for (int c = 0; c < rightColumns.length; c++) {
            if (right < 0) {
                outColumns[leftColumns + c].setNull(row);
            } else {
                outColumns[leftColumns + c].copyRow(rightColumns[c], right, row);
            }
        }
    }
}
