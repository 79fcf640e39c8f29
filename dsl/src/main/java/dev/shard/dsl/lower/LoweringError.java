package dev.shard.dsl.lower;

import dev.shard.dsl.diag.Diagnostic;

/** Stops lowering one statement; its diagnostic has been recorded already. */
final class LoweringError extends RuntimeException {
    LoweringError(Diagnostic diagnostic) {
        super(diagnostic.message(), null, false, false);
    }
}
