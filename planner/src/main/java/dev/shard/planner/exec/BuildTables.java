package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.logical.JoinKey;
import dev.shard.planner.physical.PipelineExec.HashJoinExec;
import dev.shard.planner.type.DataType;
import dev.shard.storage.arrow.SharedArrowTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The worker's broadcast build sides, each built once per worker and kept while its
 * shared table is open. Keyed by the opened table itself: a worker opens a run input at
 * most once and keeps the same object while the data lives (see ShardContext#input), so
 * every shard of a run, and the next identical run, finds the table built; a new build
 * (another query) is another table. The weak key lets a released table's heap copy go.
 */
final class BuildTables {
    private static final Map<SharedArrowTable, Map<String, BuildSide>> BUILT = new WeakHashMap<>();

    /** A build side on the heap and its hash table over the join's keys. */
    record BuildSide(ColumnTable rows, JoinHashTable table) {
    }

    private BuildTables() {
    }

    static BuildSide of(SharedArrowTable shared, HashJoinExec join) {
        synchronized (BUILT) {
            String keys = join.keys() + " " + join.input();
            return BUILT.computeIfAbsent(shared, table -> new HashMap<>())
                    .computeIfAbsent(keys, ignored -> build(shared, join));
        }
    }

    private static BuildSide build(SharedArrowTable shared, HashJoinExec join) {
        return build(SharedTableRows.read(shared, join.build()), join);
    }

    /** The hash table of {@code rows} (the build side, or one partition of it) over the join's keys. */
    static BuildSide build(ColumnTable rows, HashJoinExec join) {
        List<JoinKey> keys = join.keys();
        BatchColumn[] keyColumns = new BatchColumn[keys.size()];
        DataType[] compareAs = new DataType[keys.size()];
        for (int k = 0; k < keys.size(); k++) {
            keyColumns[k] = rows.column(keys.get(k).right());
            compareAs[k] = DataType.widen(join.input().require(keys.get(k).left(), "join").type(),
                    keyColumns[k].type());
        }
        return new BuildSide(rows, new JoinHashTable(keyColumns, compareAs, rows.rows()));
    }
}
