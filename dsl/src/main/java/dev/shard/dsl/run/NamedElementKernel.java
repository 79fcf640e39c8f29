package dev.shard.dsl.run;

import dev.shard.runtime.task.ElementKernel;
import dev.shard.runtime.task.ShardContext;
import java.io.Serializable;

/**
 * Runs a list apply's kernel for one element and, when it fails, says which element of which
 * list: a shard of {@code Pool.lapply} covers several elements, so the shard alone does not.
 */
record NamedElementKernel<R extends Serializable>(String list, ElementKernel<R> kernel) implements ElementKernel<R> {

    @Override
    public R apply(Object element, int index, ShardContext context) throws Exception {
        try {
            return kernel.apply(element, index, context);
        } catch (Exception | LinkageError failure) {
            throw new IllegalStateException("element " + index + " of `" + list + "`: " + failure, failure);
        }
    }
}
