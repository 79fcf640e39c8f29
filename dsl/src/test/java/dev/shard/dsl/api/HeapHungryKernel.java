package dev.shard.dsl.api;

import dev.shard.planner.exec.TableBuilder;
import dev.shard.planner.exec.TableKernel;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.type.Schema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A kernel that declares no footprint but keeps {@code bytes} of arrays alive while it runs:
 * the tuner cannot see it, so only the workers' heap bound stops it.
 */
public final class HeapHungryKernel implements TableKernel {
    public static Schema outputSchema(Schema input, Map<String, Serializable> parameters) {
        return input;
    }

    @Override
    public void apply(ColumnTable input, Map<String, Serializable> parameters, TableBuilder output) {
        long bytes = ((Number) parameters.get("bytes")).longValue();
        List<long[]> kept = new ArrayList<>();
        for (long held = 0; held < bytes; held += 8L << 20) {
            kept.add(new long[1 << 20]);
        }
        output.addRow();
        output.setLong(0, kept.size());
    }
}
