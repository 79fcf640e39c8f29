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

    /** Rows computed from their index by the WORKLOADS generator: nothing is published. */
    record GenerateExec(long rows, List<NamedExpr> columns, Schema schema) implements SourceExec {
        public GenerateExec {
            columns = List.copyOf(columns);
        }
    }

    /**
     * An Arrow table every worker maps zero-copy through the run input {@code inputName}
     * (an IPC file or a shared table); only {@code schema}'s columns are read.
     */
    record ArrowScanExec(String inputName, TableSource source, Schema schema, long rows) implements SourceExec {
    }
}
