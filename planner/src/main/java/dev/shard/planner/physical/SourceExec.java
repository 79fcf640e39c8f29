package dev.shard.planner.physical;

import dev.shard.planner.expr.NamedExpr;
import dev.shard.planner.logical.TableSource;
import dev.shard.planner.type.Schema;
import java.io.Serializable;
import java.util.List;

/** Where a stage's rows come from, inside each worker. {@code rows} is the exact input row count. */
public sealed interface SourceExec extends Serializable {
    long rows();

    Schema schema();

    /** Declared to the tuner; see OperatorCost. Batches are fixed-size, so sources hold nothing per row. */
    OperatorCost cost();

    /** Rows computed from their index by the WORKLOADS generator: nothing is published. */
    record GenerateExec(long rows, List<NamedExpr> columns, Schema schema) implements SourceExec {
        /** The WORKLOADS generator hashes (stream, row) per value: a few nanoseconds per column. */
        static final double NANOS_PER_COLUMN = 4.0;

        public GenerateExec {
            columns = List.copyOf(columns);
        }

        @Override
        public OperatorCost cost() {
            return new OperatorCost(0, NANOS_PER_COLUMN * Math.max(1, columns.size()));
        }
    }

    /**
     * An Arrow table every worker maps zero-copy through the run input {@code inputName}
     * (an IPC file or a shared table); only {@code schema}'s columns are read.
     */
    record ArrowScanExec(String inputName, TableSource source, Schema schema, long rows) implements SourceExec {
        /** Reading a value from a mapped vector into a batch array. */
        static final double NANOS_PER_COLUMN = 1.0;

        @Override
        public OperatorCost cost() {
            return new OperatorCost(0, NANOS_PER_COLUMN * Math.max(1, schema.size()));
        }
    }

    /**
     * The row indices of a partitioned join's probe stage, carrying no columns: the stage
     * above the join walks them in the same batches and blocks as a broadcast join's probe
     * stage would, and its first operator (PartitionedJoinExec) brings in each batch's
     * joined rows. {@code bytesPerRow} is the joined row's estimate, for the tuner.
     */
    record ProbeRowsExec(long rows, long bytesPerRow) implements SourceExec {
        private static final Schema NO_COLUMNS = new Schema(List.of());

        @Override
        public Schema schema() {
            return NO_COLUMNS;
        }

        @Override
        public OperatorCost cost() {
            return new OperatorCost(0, 0.5);
        }
    }
}
