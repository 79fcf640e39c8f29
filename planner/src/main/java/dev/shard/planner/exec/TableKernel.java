package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.type.Schema;
import java.io.Serializable;
import java.util.Map;

/**
 * A user's operator over rows, run inside the workers ({@code map kernel "<class>" {params}}
 * in a script, {@code Dataset.mapKernel} in Java). The class has a public no-arg
 * constructor and also declares its output columns before anything runs:
 *
 * <pre>{@code
 * public static Schema outputSchema(Schema input, Map<String, Serializable> parameters)
 * }</pre>
 *
 * <p>{@link #apply} receives a shard's rows one batch at a time (at most 4,096 rows, in
 * row order, as dense heap columns of the input schema) and appends any number of output
 * rows, in the declared schema, to {@code output}. Output must depend only on the input
 * rows and the parameters, never on batch or shard boundaries beyond what the rows carry,
 * so results stay the same for any worker count and shard layout. One instance serves
 * one shard at a time; it may keep scratch state between batches.
 *
 * <p>A kernel whose state grows with the shard (rows it buffers, a table it builds) declares
 * it in {@link #footprintBytesPerRow}, asked on a fresh instance at planning time, and the
 * tuner sizes shards so that this state fits the memory budget.
 */
public interface TableKernel {
    void apply(ColumnTable input, Map<String, Serializable> parameters, TableBuilder output);

    /**
     * Private bytes this kernel holds, at its peak within a shard, per input row of the shard
     * (the seed's {@code register_kernel(footprint=)}). The default, 0, is a kernel that only
     * streams batches: its scratch state does not grow with the shard.
     */
    default double footprintBytesPerRow(Schema input, Map<String, Serializable> parameters) {
        return 0;
    }
}
