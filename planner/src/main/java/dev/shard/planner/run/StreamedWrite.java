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
 * Rows that leave the workers for a CSV or Arrow file or an output buffer, streamed from the
 * shards' committed stage files into the output (a buffer: checked in a first pass over the
 * files, written in a second, so a refused write changes nothing): concatenated in shard order, or merged in sort order (a heap
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
     * The plan's write as a stream when the rows go from the stage files straight to a file or buffer:
     * no operator on the driver but the ordered merge of sorted shards and limits.
     */
    static Optional<Streamed> of(PhysicalPlan plan) {
        if (plan.write().isEmpty()) {
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
                case DriverExec.MergeSortedExec _, DriverExec.FinalAggregateExec _, DriverExec.SortExec _,
                        DriverExec.FilterExec _, DriverExec.ProjectExec _ -> {
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
        List<Long> rows = new ArrayList<>();
        long current = stageRows;
        for (DriverExec operator : plan.driverOperators()) {
            if (operator instanceof DriverExec.LimitExec take) {
                current = Math.min(current, take.count());
            }
            rows.add(current);
        }
        long written = Math.min(stageRows, streamed.limit());
        if (streamed.target() instanceof WriteTarget.OutputBuffer buffer) {
            // Every value is checked before the first is written, so the rows stream twice.
            try (BufferTableWriter writer = new BufferTableWriter(streamed.schema(), written, buffer)) {
                stream(streamed, files, new ResultRows(writer::check));
                stream(streamed, files, new ResultRows(writer::write));
            }
            return rows;
        }
        try (RowFileWriter writer = RowFileWriter.open(streamed.target(), streamed.schema())) {
            stream(streamed, files, (columns, from, count) -> writer.write(columns, from, count));
            writer.commit();
        }
        return rows;
    }

    /** Runs of the result's rows, in order: {@code columns}' rows {@code from}.. ({@code count} of them). */
    @FunctionalInterface
    interface RowSink {
        void take(List<BatchColumn> columns, int from, int count);
    }

    /** A consumer of runs that also wants each run's first row number in the result. */
    @FunctionalInterface
    interface NumberedRowSink {
        void take(List<BatchColumn> columns, int from, int count, long firstRow);
    }

    /** Numbers the runs for a {@link NumberedRowSink}. */
    private static final class ResultRows implements RowSink {
        private final NumberedRowSink sink;
        private long next;

        ResultRows(NumberedRowSink sink) {
            this.sink = sink;
        }

        @Override
        public void take(List<BatchColumn> columns, int from, int count) {
            sink.take(columns, from, count, next);
            next += count;
        }
    }

    private static void stream(Streamed streamed, List<StageFile> files, RowSink sink) {
        List<StageFileCursor> cursors = new ArrayList<>();
        try {
            for (StageFile file : files) {
                cursors.add(new StageFileCursor(file, streamed.schema()));
            }
            Slice slice = new Slice(streamed.schema(), sink);
            if (streamed.keys().isEmpty()) {
                concatenate(cursors, slice, streamed.limit());
            } else {
                merge(cursors, slice, new RowOrder(streamed.keys(), streamed.schema()), streamed.limit());
            }
            slice.flush();
        } finally {
            cursors.forEach(StageFileCursor::close);
        }
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

    /** The output's next rows, handed on when {@link RowFileWriter#SLICE_ROWS} are in. */
    private static final class Slice {
        private final List<BatchColumn> columns;
        private final RowSink sink;
        private int size;

        Slice(Schema schema, RowSink sink) {
            this.columns = schema.fields().stream()
                    .map(field -> new BatchColumn(field.type(), RowFileWriter.SLICE_ROWS)).toList();
            this.sink = sink;
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
                sink.take(columns, 0, size);
                size = 0;
            }
        }
    }
}
