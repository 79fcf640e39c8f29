package dev.shard.planner.physical;

import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.NamedExpr;
import dev.shard.planner.logical.JoinKey;
import dev.shard.planner.logical.JoinType;
import dev.shard.planner.type.Schema;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** A streaming operator between a stage's source and its sink; {@code input} is the schema it reads. */
public sealed interface PipelineExec extends Serializable {
    Schema input();

    Schema output();

    /** Declared to the tuner; see OperatorCost. Pipeline operators stream fixed-size batches. */
    OperatorCost cost();

    /** Narrows the batch's selection to the rows where the predicate is true. */
    record FilterExec(Expr predicate, Schema input) implements PipelineExec {
        @Override
        public Schema output() {
            return input;
        }

        @Override
        public OperatorCost cost() {
            return new OperatorCost(0, 1.0);
        }
    }

    /** Computes exactly {@code columns} (select, derive), evaluated over whole batches. */
    record ProjectExec(List<NamedExpr> columns, Schema input, Schema output) implements PipelineExec {
        public ProjectExec {
            columns = List.copyOf(columns);
        }

        @Override
        public OperatorCost cost() {
            return new OperatorCost(0, 1.5 * Math.max(1, columns.size()));
        }
    }

    /**
     * The probe side of a broadcast hash join: each worker builds a hash table once from
     * the shared Arrow table {@code buildInput} (the right side, run before this stage) and
     * streams its left rows through it. Output: the left columns, then {@code build}'s
     * non-key columns; rows in left-row order, and per left row in build-row order; a null
     * key matches nothing. {@code strategy} says why it was broadcast (explain).
     */
    record HashJoinExec(String buildInput, JoinType type, List<JoinKey> keys, Schema input, Schema build,
            Schema output, String strategy) implements PipelineExec {
        public HashJoinExec {
            keys = List.copyOf(keys);
        }

        /** Output batches are cut at the batch capacity; a probe costs a hash and a few compares per row. */
        @Override
        public OperatorCost cost() {
            return new OperatorCost(0, 15.0 + 2.0 * output.size());
        }
    }

    /**
     * A user's {@code TableKernel} class run over every batch of a shard's rows;
     * {@code footprintBytesPerRow} is what it declares it holds per input row.
     */
    record MapKernelExec(String kernelClass, Map<String, java.io.Serializable> parameters, Schema input,
            Schema output, double footprintBytesPerRow) implements PipelineExec {
        public MapKernelExec {
            parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        }

        @Override
        public OperatorCost cost() {
            long bytesPerRow = Math.max(1, input.estimatedBytesPerRow());
            return new OperatorCost(footprintBytesPerRow / bytesPerRow, 10.0 * Math.max(1, output.size()));
        }
    }

    /**
     * The rows of a partitioned join, read back in probe order: for each batch of the probe
     * stage's row indices, the joined rows that came from it, merged from the
     * {@code partitions} joined files (run inputs {@code joinedInput + p}) by their probe
     * origin. Same rows in the same order as the broadcast join's output, so everything
     * above it gives the same bytes. {@code joinedFile} is the files' schema: {@code output}
     * with the probe origin after the left columns. {@code strategy} says why (explain).
     */
    record PartitionedJoinExec(String joinedInput, int partitions, JoinType type, List<JoinKey> keys,
            Schema input, Schema output, Schema joinedFile, String strategy) implements PipelineExec {
        public PartitionedJoinExec {
            keys = List.copyOf(keys);
        }

        /** A k-way merge over the partitions' heads and a copy per output value. */
        @Override
        public OperatorCost cost() {
            return new OperatorCost(0, 10.0 + 2.0 * output.size());
        }
    }
}
