package dev.shard.planner.exec.expr;

import dev.shard.planner.exec.vector.BatchColumn;

/** Null propagation shared by the evaluators: a row is null when any argument is. */
final class Nulls {
    private Nulls() {
    }

    static void propagate(BatchColumn out, int size, BatchColumn... arguments) {
        boolean any = false;
        for (BatchColumn argument : arguments) {
            any |= argument.hasNulls;
        }
        out.hasNulls = any;
        if (!any) {
            return;
        }
        boolean[] nulls = out.nulls;
        java.util.Arrays.fill(nulls, 0, size, false);
        for (BatchColumn argument : arguments) {
            if (argument.hasNulls) {
                boolean[] source = argument.nulls;
                for (int i = 0; i < size; i++) {
                    nulls[i] |= source[i];
                }
            }
        }
    }
}
