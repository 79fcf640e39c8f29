package dev.shard.runtime.task;

import java.io.Serializable;

/**
 * A function of one row or column of a shared matrix, for {@link Pool#apply}; side
 * variables are the run's inputs, read with {@link ShardContext#input}.
 */
@FunctionalInterface
public interface VectorKernel<R extends Serializable> extends Serializable {
    R apply(MatrixVector vector, ShardContext context) throws Exception;
}
