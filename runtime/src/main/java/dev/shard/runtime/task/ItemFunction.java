package dev.shard.runtime.task;

import java.io.Serializable;

/** A serializable function of one item, for {@link Pool#poolLapply} and {@link Pool#dispatchChunks}. */
@FunctionalInterface
public interface ItemFunction<T, R> extends Serializable {
    R apply(T item) throws Exception;
}
