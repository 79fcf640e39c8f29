package dev.shard.examples.kernel;

import dev.shard.planner.PlanException;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.TableBuilder;
import dev.shard.planner.exec.TableKernel;
import dev.shard.planner.exec.vector.ColumnTable;
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
 * to know the columns before any worker starts; {@link #apply} is the per-batch work.
 */
public final class TipBandKernel implements TableKernel {
    public static final String INPUT = "tip_pct";
    public static final String OUTPUT = "band";

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

    /** Every input row with {@code band} appended; a null tip_pct gives a null band. */
    @Override
    public void apply(ColumnTable input, Map<String, Serializable> parameters, TableBuilder output) {
        double width = width(parameters);
        int tipPctIndex = input.schema().indexOf(INPUT);
        BatchColumn tipPct = input.columns().get(tipPctIndex);
        int band = input.schema().size();
        for (int row = 0; row < input.rows(); row++) {
            output.addRow();
            for (int column = 0; column < band; column++) {
                copy(input.columns().get(column), row, output, column);
            }
            if (!tipPct.isNull(row)) {
                output.setLong(band, (long) Math.floor(tipPct.doubles[row] / width));
            }
        }
    }

    private static void copy(BatchColumn column, int row, TableBuilder output, int index) {
        if (column.isNull(row)) {
            return;
        }
        switch (column.type()) {
            case INT -> output.setLong(index, column.longs[row]);
            case DOUBLE -> output.setDouble(index, column.doubles[row]);
            case BOOL -> output.setBoolean(index, column.booleans[row]);
            case STRING -> output.setString(index, column.strings[row]);
        }
    }

    private static double width(Map<String, Serializable> parameters) {
        if (!(parameters.get("width") instanceof Number width) || width.doubleValue() <= 0) {
            throw new PlanException("TipBandKernel needs a positive number `width`, got " + parameters.get("width"),
                    "write map kernel \"" + TipBandKernel.class.getName() + "\" {width = 0.05}");
        }
        return width.doubleValue();
    }
}
