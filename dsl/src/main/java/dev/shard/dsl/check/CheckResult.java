package dev.shard.dsl.check;

import dev.shard.dsl.lower.LoweredScript;

import dev.shard.dsl.analyze.Analysis;
import dev.shard.dsl.diag.Diagnostic;
import dev.shard.dsl.diag.SourceText;
import java.util.List;
import java.util.Optional;

/**
 * Everything the front end found about a script. User errors are diagnostics; a bug of
 * ours is kept apart in {@code internalError} and never shown as the user's mistake.
 *
 * @param sources       the script and any {@code -p} texts the diagnostics point into
 * @param analysis      the tree and bindings (present unless an internal error stopped the check)
 * @param diagnostics   all syntax and semantic diagnostics, in source order
 * @param internalError a description of a failure inside the checker itself
 * @param lowered       the script lowered to logical plans, present when there is no error
 */
public record CheckResult(List<SourceText> sources, Optional<Analysis> analysis, List<Diagnostic> diagnostics,
                          Optional<String> internalError, Optional<LoweredScript> lowered) {
    public CheckResult {
        sources = List.copyOf(sources);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return internalError.isPresent() || diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
