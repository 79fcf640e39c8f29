package dev.shard.dsl.lower;

import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalScan;
import dev.shard.planner.logical.TableSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which let tables are read by a statement that runs (a query, or a let that runs); a let runs
 * when it is read or writes. A let reads only earlier lets, so one pass from the end decides.
 */
final class LetUses {
    private LetUses() {
    }

    static List<LoweredStatement> markReads(List<LoweredStatement> lowered) {
        Set<String> read = new HashSet<>();
        List<LoweredStatement> statements = new ArrayList<>(lowered);
        for (int i = statements.size() - 1; i >= 0; i--) {
            switch (statements.get(i)) {
                case LoweredStatement.Query query -> collect(query.plan(), read);
                case LoweredStatement.LetTable let -> {
                    var marked = new LoweredStatement.LetTable(let.name(), let.query(), read.contains(let.name()),
                            let.writes());
                    statements.set(i, marked);
                    if (marked.runs()) {
                        collect(let.query().plan(), read);
                    }
                }
                case LoweredStatement.Apply apply -> {
                }
                case LoweredStatement.WriteBuffer write -> {
                }
            }
        }
        return statements;
    }

    private static void collect(LogicalPlan plan, Set<String> names) {
        if (plan instanceof LogicalScan scan && scan.source() instanceof TableSource.NamedResult result) {
            names.add(result.name());
        }
        plan.inputs().forEach(input -> collect(input, names));
    }
}
