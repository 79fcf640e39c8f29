package dev.shard.dsl.lower;

import dev.shard.dsl.ast.Statement;
import dev.shard.dsl.diag.SourceSpan;
import dev.shard.planner.logical.LogicalPlan;
import java.nio.file.Path;

/** What a script does, in order: queries over tables and the matrix statements. */
public sealed interface LoweredStatement {
    SourceSpan span();

    /**
     * A pipeline statement. {@code printed}: it has no {@code write}, so its rows go to stdout.
     * {@code steps} maps each node built to the span of the step that built it (runtime errors name it).
     */
    record Query(LogicalPlan plan, boolean printed, SourceSpan span) implements LoweredStatement {
    }

    /** {@code apply rows|columns of X [with y...] into r: body}, over matrices and vectors of {@link MatrixValues}. */
    record Apply(Statement.ApplyStatement statement, SourceSpan span) implements LoweredStatement {
    }

    /** {@code write r "path"}: an output buffer to CSV (one value per line, or one row per line for a matrix). */
    record WriteBuffer(String buffer, Path path, SourceSpan span) implements LoweredStatement {
    }
}
