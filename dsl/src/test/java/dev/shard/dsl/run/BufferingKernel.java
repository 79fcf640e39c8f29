package dev.shard.dsl.run;

import dev.shard.planner.exec.TableBuilder;
import dev.shard.planner.exec.TableKernel;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.type.Schema;
import java.io.Serializable;
import java.util.Map;

/**
 * Declares a footprint of {@code bytes} per input row (default 4,096), as a kernel that
 * buffers a shard's rows would; it passes integer rows through.
 */
public final class BufferingKernel implements TableKernel {
    public static Schema outputSchema(Schema input, Map<String, Serializable> parameters) {
        return input;
    }

    @Override
    public double footprintBytesPerRow(Schema input, Map<String, Serializable> parameters) {
        return parameters.get("bytes") instanceof Number bytes ? bytes.doubleValue() : 4096;
    }

    @Override
    public void apply(ColumnTable input, Map<String, Serializable> parameters, TableBuilder output) {
        for (int row = 0; row < input.rows(); row++) {
            output.addRow();
            for (int column = 0; column < input.schema().size(); column++) {
                if (!input.columns().get(column).isNull(row)) {
                    output.setLong(column, input.columns().get(column).longs[row]);
                }
            }
        }
    }
}
