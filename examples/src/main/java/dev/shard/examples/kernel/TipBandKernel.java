package dev.shard.examples.kernel;

import dev.shard.planner.PlanException;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A kernel written in Java and called by name from examples/map_kernel.shard
 * ({@code map kernel "dev.shard.examples.kernel.TipBandKernel" {width = 0.05}}): it keeps the
 * input columns and adds {@code band}, the tip percentage's band of the given width
 * ({@code floor(tip_pct / width)}). {@link #outputSchema} is what {@code shard check} calls
 * to know the columns before any worker starts; {@link #map} is the per-batch work.
 */
public final class TipBandKernel {
    public static final String INPUT = "tip_pct";
    public static final String OUTPUT = "band";

    private TipBandKernel() {
    }

    public static Schema outputSchema(Schema input, Map<String, Serializable> parameters) {
        Field tipPct = input.require(INPUT, "map kernel TipBandKernel");
        if (tipPct.type() != DataType.DOUBLE) {
            throw new PlanException("TipBandKernel needs `" + INPUT + "` as a double, got "
                    + tipPct.type().displayName(), "derive tip_pct = tip / fare before the kernel");
        }
        width(parameters);
        List<Field> fields = new ArrayList<>(input.fields());
        fields.add(Field.of(OUTPUT, DataType.INT));
        return new Schema(fields);
    }

    /** The input batch's columns with {@code band} appended; a null tip_pct gives a null band. */
    public static ColumnBatch map(ColumnBatch input, Schema inputSchema, Map<String, Serializable> parameters) {
        double width = width(parameters);
        BatchColumn tipPct = input.column(inputSchema.indexOf(INPUT));
        BatchColumn band = new BatchColumn(DataType.INT, input.size());
        for (int row = 0; row < input.size(); row++) {
            if (tipPct.isNull(row)) {
                band.setNull(row);
            } else {
                band.longs[row] = (long) Math.floor(tipPct.doubles[row] / width);
            }
        }
        ColumnBatch output = new ColumnBatch(input.columnCount() + 1);
        output.selectSameRowsAs(input);
        for (int column = 0; column < input.columnCount(); column++) {
            output.setColumn(column, input.column(column));
        }
        output.setColumn(input.columnCount(), band);
        return output;
    }

    private static double width(Map<String, Serializable> parameters) {
        if (!(parameters.get("width") instanceof Number width) || width.doubleValue() <= 0) {
            throw new PlanException("TipBandKernel needs a positive number `width`, got " + parameters.get("width"),
                    "write map kernel \"" + TipBandKernel.class.getName() + "\" {width = 0.05}");
        }
        return width.doubleValue();
    }
}
