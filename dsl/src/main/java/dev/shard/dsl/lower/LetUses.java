package dev.shard.dsl.lower;

import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalScan;
import dev.shard.planner.logical.TableSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which let tables run: those read by a statement that runs (a query, or a let that runs),
 * and those that write. A let reads only earlier lets, so one pass from the end decides.
 */
final class LetUses {
    private LetUses() {
    }

    static List<LoweredStatement> markRuns(List<LoweredStatement> statements) {
        Set<String> read = new HashSet<>();
        List<LoweredStatement> marked = new ArrayList<>(statements);
        for (int i = marked.size() - 1; i >= 0; i--) {
            switch (marked.get(i)) {
                case LoweredStatement.Query query -> collect(query.plan(), read);
                case LoweredStatement.LetTable let -> {
                    boolean runs = let.runs() || read.contains(let.name());
                    marked.set(i, new LoweredStatement.LetTable(let.name(), let.query(), runs));
                    if (runs) {
                        collect(let.query().plan(), read);
                    }
                }
                case LoweredStatement.Apply apply -> {
                }
                case LoweredStatement.WriteBuffer write -> {
                }
            }
        }
        return marked;
    }

    /** The names of the let results {@code plan} scans. */
    static Set<String> readBy(LogicalPlan plan) {
        Set<String> names = new HashSet<>();
        collect(plan, names);
        return names;
    }

    private static void collect(LogicalPlan plan, Set<String> names) {
        if (plan instanceof LogicalScan scan && scan.source() instanceof TableSource.NamedResult result) {
            names.add(result.name());
        }
        plan.inputs().forEach(input -> collect(input, names));
    }
}
