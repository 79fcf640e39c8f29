package dev.shard.planner.run;

import dev.shard.planner.exec.RowOrder;
import dev.shard.planner.exec.StageFile;
import dev.shard.planner.exec.StageFileCursor;
import dev.shard.planner.exec.StageResult;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.logical.SortKey;
import dev.shard.planner.logical.WriteTarget;
import dev.shard.planner.physical.DriverExec;
import dev.shard.planner.physical.PhysicalPlan;
import dev.shard.planner.physical.SinkExec;
import dev.shard.planner.type.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Rows that leave the workers for a CSV or Arrow file, streamed from the shards' committed
 * stage files into the output: concatenated in shard order, or merged in sort order (a heap
 * of one cursor per shard, ties to the earlier shard, so the output is the stable sort), cut
 * at the limit. The driver holds one batch per shard and one slice of output, whatever the
 * result's size, where gathering the result first would hold all of it. The output's bytes
 * are those of writing the gathered result ({@link TableWriters}): slices are cut every
 * {@link RowFileWriter#SLICE_ROWS} rows of the result, never at a shard's end.
 */
final class StreamedWrite {
    private StreamedWrite() {
    }

    /** What is streamed: the stage's rows, their order (empty: shard order) and the limit. */
    record Streamed(Schema schema, WriteTarget target, List<SortKey> keys, long limit) {
    }

    /**
     * The plan's write as a stream when the rows go from the stage files straight to a file:
     * no operator on the driver but the ordered merge of sorted shards and limits.
     */
    static Optional<Streamed> of(PhysicalPlan plan) {
        if (plan.write().isEmpty() || plan.write().get() instanceof WriteTarget.OutputBuffer) {
            return Optional.empty();
        }
        SinkExec sink = plan.stage().fragment().sink();
        if (!(sink instanceof SinkExec.CollectRowsExec || sink instanceof SinkExec.SortedRowsExec)) {
            return Optional.empty();
        }
        Schema schema = sink instanceof SinkExec.SortedRowsExec sorted ? sorted.input()
                : ((SinkExec.CollectRowsExec) sink).input();
        List<SortKey> keys = sink instanceof SinkExec.SortedRowsExec sorted ? sorted.keys() : List.of();
        long limit = Long.MAX_VALUE;
        List<DriverExec> operators = plan.driverOperators();
        for (int i = 0; i < operators.size(); i++) {
            boolean first = i == 0;
            switch (operators.get(i)) {
                case DriverExec.MergeSortedExec merge when first && merge.keys().equals(keys) -> {
                }
                case DriverExec.LimitExec take -> limit = Math.min(limit, take.count());
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new Streamed(schema, plan.write().get(), keys, limit));
    }

    /**
     * Writes the rows and returns the rows after each of the plan's driver operators (the
     * merge gives every stage row, a limit its part), for explain's actuals.
     */
    static List<Long> write(Streamed streamed, PhysicalPlan plan, List<StageResult> results) {
        List<StageFile> files = results.stream().map(StageResult::file).filter(Objects::nonNull).toList();
        long stageRows = files.stream().mapToLong(StageFile::rows).sum();
        List<StageFileCursor> cursors = new ArrayList<>();
        try (RowFileWriter writer = RowFileWriter.open(streamed.target(), streamed.schema())) {
            for (StageFile file : files) {
                cursors.add(new StageFileCursor(file, streamed.schema()));
            }
            Slice slice = new Slice(streamed.schema(), writer);
            if (streamed.keys().isEmpty()) {
                concatenate(cursors, slice, streamed.limit());
            } else {
                merge(cursors, slice, new RowOrder(streamed.keys(), streamed.schema()), streamed.limit());
            }
            slice.flush();
            writer.commit();
        } finally {
            cursors.forEach(StageFileCursor::close);
        }
        List<Long> rows = new ArrayList<>();
        long current = stageRows;
        for (DriverExec operator : plan.driverOperators()) {
            if (operator instanceof DriverExec.LimitExec take) {
                current = Math.min(current, take.count());
            }
            rows.add(current);
        }
        return rows;
    }

    private static void concatenate(List<StageFileCursor> cursors, Slice slice, long limit) {
        long left = limit;
        for (StageFileCursor cursor : cursors) {
            while (!cursor.exhausted() && left > 0) {
                int rows = (int) Math.min(Math.min(cursor.rowsInChunk(), slice.room()), left);
                slice.append(cursor.columns(), cursor.row(), rows);
                cursor.advance(rows);
                left -= rows;
            }
        }
    }

    private static void merge(List<StageFileCursor> cursors, Slice slice, RowOrder order, long limit) {
        PriorityQueue<Integer> heads = new PriorityQueue<>((a, b) -> {
            StageFileCursor left = cursors.get(a);
            StageFileCursor right = cursors.get(b);
            int comparison = order.compare(left.columns(), left.row(), right.columns(), right.row());
            return comparison != 0 ? comparison : Integer.compare(a, b);
        });
        for (int c = 0; c < cursors.size(); c++) {
            if (!cursors.get(c).exhausted()) {
                heads.add(c);
            }
        }
        for (long written = 0; written < limit && !heads.isEmpty(); written++) {
            int next = heads.poll();
            StageFileCursor cursor = cursors.get(next);
            slice.append(cursor.columns(), cursor.row(), 1);
            cursor.advance(1);
            if (!cursor.exhausted()) {
                heads.add(next);
            }
        }
    }

    /** The output's next rows, written when {@link RowFileWriter#SLICE_ROWS} are in. */
    private static final class Slice {
        private final List<BatchColumn> columns;
        private final RowFileWriter writer;
        private int size;

        Slice(Schema schema, RowFileWriter writer) {
            this.columns = schema.fields().stream()
                    .map(field -> new BatchColumn(field.type(), RowFileWriter.SLICE_ROWS)).toList();
            this.writer = writer;
        }

        int room() {
            return RowFileWriter.SLICE_ROWS - size;
        }

        void append(List<BatchColumn> from, int row, int rows) {
            for (int c = 0; c < columns.size(); c++) {
                BatchColumn target = columns.get(c);
                BatchColumn source = from.get(c);
                for (int r = 0; r < rows; r++) {
                    target.copyRow(source, row + r, size + r);
                }
            }
            size += rows;
            if (size == RowFileWriter.SLICE_ROWS) {
                flush();
            }
        }

        void flush() {
            if (size > 0) {
                writer.write(columns, 0, size);
                size = 0;
            }
        }
    }
}
