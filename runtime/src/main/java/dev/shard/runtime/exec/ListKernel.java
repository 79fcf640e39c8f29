package dev.shard.runtime.exec;

import dev.shard.runtime.task.ElementKernel;
import dev.shard.runtime.task.ShardContext;
import dev.shard.runtime.task.ShardKernel;
import java.io.Serializable;
import java.util.ArrayList;

/** Runs an {@link ElementKernel} over the list elements a shard covers; element i is input {@code prefix + i}. */
public record ListKernel<R extends Serializable>(String prefix, ElementKernel<R> function)
        implements ShardKernel<ArrayList<R>> {

    @Override
    public ArrayList<R> run(ShardContext context) throws Exception {
        ArrayList<R> results = new ArrayList<>((int) context.shard().size());
        for (long index = context.shard().start(); index < context.shard().end(); index++) {
            Object element = context.input(prefix + index, Object.class);
            results.add(function.apply(element, (int) index, context));
        }
        return results;
    }
}
