package dev.shard.dsl.ast;

import dev.shard.dsl.diag.SourceSpan;
import java.util.List;

/** A source and the steps applied to it, in order. A bare source is a pipeline with no steps. */
public record Pipeline(Source source, List<Step> steps, SourceSpan span) implements LetValue {
    public Pipeline {
        steps = List.copyOf(steps);
    }
}
