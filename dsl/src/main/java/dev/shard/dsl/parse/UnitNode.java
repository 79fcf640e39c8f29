package dev.shard.dsl.parse;

import dev.shard.dsl.ast.Name;
import dev.shard.dsl.ast.Source;
import dev.shard.dsl.ast.Statement;
import dev.shard.dsl.ast.Step;
import dev.shard.dsl.diag.SourceSpan;
import java.util.Optional;

/** What one parsed unit (line) contributes before steps are attached to their pipeline. */
sealed interface UnitNode {
    /** A statement that takes no steps: param, let of an expression, apply, write of a buffer. */
    record Complete(Statement statement) implements UnitNode {
    }

    /** {@code from <source>} or {@code let name = <source>}: the steps on the next lines belong to it. */
    record PipelineStart(Optional<Name> let, Source source, SourceSpan span) implements UnitNode {
    }

    record StepLine(Step step) implements UnitNode {
    }
}
