package dev.shard.runtime.exec;

import dev.shard.runtime.task.Margin;
import dev.shard.runtime.task.MatrixVector;
import dev.shard.runtime.task.ShardContext;
import dev.shard.runtime.task.ShardKernel;
import dev.shard.runtime.task.VectorKernel;
import dev.shard.storage.share.SharedMatrix;
import java.io.Serializable;
import java.util.ArrayList;

/**
 * Runs a {@link VectorKernel} over the rows or columns a shard covers, reading the shared
 * matrix in place; the shard's results come back as one list, in row/column order.
 */
public record ApplyKernel<R extends Serializable>(String matrixInput, Margin margin, VectorKernel<R> function)
        implements ShardKernel<ArrayList<R>> {

    @Override
    public ArrayList<R> run(ShardContext context) throws Exception {
        Object opened = context.input(matrixInput, Object.class);
        if (!(opened instanceof SharedMatrix matrix)) {
            throw new IllegalArgumentException("apply needs a shared matrix, but the reference opened as "
                    + opened.getClass().getName() + " (share it with Shared.shareMatrix)");
        }
        ArrayList<R> results = new ArrayList<>((int) context.shard().size());
        long end = context.shard().end();
        for (long index = context.shard().start(); index < end; index++) {
            results.add(function.apply(new MatrixVector(matrix, margin, index), context));
        }
        return results;
    }
}
