package dev.shard.runtime.task;

import java.io.Serializable;

/**
 * A function of one shared element of a list, for {@link Pool#lapply}: {@code element} is
 * what the element's reference opened (a shared array or matrix, say), {@code index} its
 * position in the list.
 */
@FunctionalInterface
public interface ElementKernel<R extends Serializable> extends Serializable {
    R apply(Object element, int index, ShardContext context) throws Exception;
}
