package dev.shard.dsl.diag;

import java.util.List;
import java.util.Objects;

/**
 * One finding about a script, as data: what kind, a stable code, where, a message in
 * plain words and hints that say how to fix it. Rendering is {@link DiagnosticRenderer}'s job.
 */
public record Diagnostic(Severity severity, ErrorCode code, SourceSpan span, String message, List<String> hints) {
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(message, "message");
        hints = List.copyOf(hints);
    }

    public static Diagnostic error(ErrorCode code, SourceSpan span, String message, String... hints) {
        return new Diagnostic(Severity.ERROR, code, span, message, List.of(hints));
    }

    public static Diagnostic error(ErrorCode code, SourceSpan span, String message, List<String> hints) {
        return new Diagnostic(Severity.ERROR, code, span, message, hints);
    }

    public static Diagnostic warning(ErrorCode code, SourceSpan span, String message, String... hints) {
        return new Diagnostic(Severity.WARNING, code, span, message, List.of(hints));
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
