package dev.shard.runtime.api;

/**
 * Folds one shard's partial result into an accumulator, in shard order, in the driver.
 *
 * @param <A> accumulator
 * @param <R> partial result of one shard
 */
@FunctionalInterface
public interface Combiner<A, R> {
    A combine(A accumulator, R partial);
}
