package dev.shard.runtime.exec;

import dev.shard.runtime.task.ItemFunction;
import dev.shard.runtime.task.ShardContext;
import dev.shard.runtime.task.ShardKernel;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a function to the items a shard covers. The items travel with the kernel,
 * once per worker per run; tasks still carry only shard ids.
 */
public record ItemsKernel<T extends Serializable, R extends Serializable>(List<T> items, ItemFunction<T, R> function)
        implements ShardKernel<ArrayList<R>> {

    public ItemsKernel {
        items = new ArrayList<>(items);
    }

    @Override
    public ArrayList<R> run(ShardContext context) throws Exception {
        ArrayList<R> results = new ArrayList<>((int) context.shard().size());
        for (long index = context.shard().start(); index < context.shard().end(); index++) {
            results.add(function.apply(items.get((int) index)));
        }
        return results;
    }
}
