package dev.shard.dsl.lower;

import dev.shard.dsl.ast.Statement;
import dev.shard.dsl.diag.SourceSpan;
import dev.shard.planner.logical.LogicalPlan;
import java.nio.file.Path;
import java.util.List;

/** What a script does, in order: queries over tables and the matrix statements. */
public sealed interface LoweredStatement {
    SourceSpan span();

    /**
     * A pipeline statement. {@code printed}: it has no {@code write}, so its rows go to stdout.
     * {@code steps}: the pipeline's steps in order (its source first), which runtime errors name.
     */
    record Query(LogicalPlan plan, boolean printed, SourceSpan span, List<PlanStep> steps) implements LoweredStatement {
        public Query {
            steps = List.copyOf(steps);
        }

        public Query(LogicalPlan plan, boolean printed, SourceSpan span) {
            this(plan, printed, span, List.of());
        }
    }

    /**
     * {@code let name = from ...}: a pipeline run once, before the statements that read it, its
     * result kept in shared memory under {@code name} while the script runs. Later plans read it
     * through a scan of {@code TableSource.NamedResult(name)}. {@code read}: a statement that runs
     * reads it (only then is its result kept); {@code writes}: it ends with a write. A let that
     * neither is read nor writes is checked and planned but not run.
     */
    record LetTable(String name, Query query, boolean read, boolean writes) implements LoweredStatement {
        public boolean runs() {
            return read || writes;
        }

        @Override
        public SourceSpan span() {
            return query.span();
        }
    }

    /**
     * A step of a pipeline as written — its verb, its span, the kernel class of a
     * {@code map kernel} (else empty) — so a failure in the workers can name it.
     */
    record PlanStep(String verb, SourceSpan span, String kernelClass) {
    }

    /** {@code apply rows|columns of X [with y...] into r: body}, over matrices and vectors of {@link MatrixValues}. */
    record Apply(Statement.ApplyStatement statement, SourceSpan span) implements LoweredStatement {
    }

    /** {@code write r "path"}: an output buffer to CSV (one value per line, or one row per line for a matrix). */
    record WriteBuffer(String buffer, Path path, SourceSpan span) implements LoweredStatement {
    }
}
