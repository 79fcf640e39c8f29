package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.physical.PipelineExec.MapKernelExec;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link TableKernel} over each batch's selected rows (handed over dense) and
 * cuts what it appended into output batches of at most a batch's capacity.
 */
final class MapKernelOperator implements ExpandingOperator {
    private final MapKernelExec exec;
    private final TableKernel kernel;
    private final TableBuilder builder;
    private final BatchColumn[] outColumns;
    private final ColumnBatch out;
    private ColumnTable produced;
    private long firstRow;
    private int emitted;

    MapKernelOperator(MapKernelExec exec) {
        this.exec = exec;
        this.kernel = instantiate(exec.kernelClass());
        this.builder = new TableBuilder(exec.output());
        this.outColumns = exec.output().fields().stream()
                .map(field -> new BatchColumn(field.type(), ColumnBatch.CAPACITY)).toArray(BatchColumn[]::new);
        this.out = new ColumnBatch(outColumns.length);
        for (int c = 0; c < outColumns.length; c++) {
            out.setColumn(c, outColumns[c]);
        }
    }

    @Override
    public void start(ColumnBatch input) {
        int count = input.selectedCount();
        List<BatchColumn> columns = new ArrayList<>();
        for (int c = 0; c < exec.input().size(); c++) {
            BatchColumn source = input.column(c);
            BatchColumn dense = new BatchColumn(source.type(), count);
            for (int k = 0; k < count; k++) {
                dense.copyRow(source, input.selected(k), k);
            }
            columns.add(dense);
        }
        kernel.apply(new ColumnTable(exec.input(), count, columns), exec.parameters(), builder);
        produced = builder.drain();
        firstRow = input.firstRow();
        emitted = 0;
    }

    @Override
    public ColumnBatch next() {
        if (produced == null || emitted >= produced.rows()) {
            produced = null;
            return null;
        }
        int rows = Math.min(ColumnBatch.CAPACITY, produced.rows() - emitted);
        for (int c = 0; c < outColumns.length; c++) {
            BatchColumn target = outColumns[c];
            target.hasNulls = false;
            BatchColumn source = produced.columns().get(c);
            for (int r = 0; r < rows; r++) {
                target.copyRow(source, emitted + r, r);
            }
        }
        emitted += rows;
        out.reset(firstRow, rows);
        return out;
    }

    private static TableKernel instantiate(String name) {
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> type = Class.forName(name, true, loader != null ? loader : TableKernel.class.getClassLoader());
            if (!TableKernel.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException("map kernel " + name + " does not implement "
                        + TableKernel.class.getName() + ": implement it (apply appends output rows)");
            }
            return (TableKernel) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("map kernel " + name + " cannot be created in worker: " + e
                    + " (put its jar on the workers' classpath and give it a public no-arg constructor)", e);
        }
    }
}
