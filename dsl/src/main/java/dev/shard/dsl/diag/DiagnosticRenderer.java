package dev.shard.dsl.diag;

import java.util.Comparator;
import java.util.List;

/**
 * Renders diagnostics for a terminal:
 * <pre>
 * quickstart.shard:8:7: error[E0101]: expected an expression after `filter`
 *   |
 * 8 | filter
 *   |       ^
 *   = hint: write a condition, such as `fare &gt; 5`
 * </pre>
 * Diagnostics are printed in source order; a span over several lines is underlined to
 * the end of its first line.
 */
public final class DiagnosticRenderer {
    private final SourceText source;

    public DiagnosticRenderer(SourceText source) {
        this.source = source;
    }

    public static List<Diagnostic> inSourceOrder(List<Diagnostic> diagnostics) {
        return diagnostics.stream()
                .sorted(Comparator.comparingInt((Diagnostic d) -> d.span().startOffset())
                        .thenComparing(d -> d.code().code()))
                .toList();
    }

    public String render(List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic diagnostic : inSourceOrder(diagnostics)) {
            render(diagnostic, out);
        }
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        long warnings = diagnostics.size() - errors;
        if (errors > 0) {
            out.append(source.file()).append(": ").append(count(errors, "error"));
            if (warnings > 0) {
                out.append(", ").append(count(warnings, "warning"));
            }
            out.append('\n');
        }
        return out.toString();
    }

    public String render(Diagnostic diagnostic) {
        StringBuilder out = new StringBuilder();
        render(diagnostic, out);
        return out.toString();
    }

    private void render(Diagnostic diagnostic, StringBuilder out) {
        SourceSpan span = diagnostic.span();
        out.append(span.location()).append(": ").append(diagnostic.severity().label())
                .append('[').append(diagnostic.code().code()).append("]: ").append(diagnostic.message()).append('\n');
        String number = Integer.toString(span.startLine());
        String gutter = " ".repeat(number.length());
        String line = source.line(span.startLine()).replace('\t', ' ');
        out.append(gutter).append(" |\n");
        out.append(number).append(" | ").append(line).append('\n');
        int start = Math.min(span.startColumn() - 1, line.length());
        int end = span.endLine() == span.startLine() ? span.endColumn() - 1 : line.length();
        int width = Math.max(1, end - start);
        out.append(gutter).append(" | ").append(" ".repeat(start)).append("^".repeat(width)).append('\n');
        for (String hint : diagnostic.hints()) {
            out.append(gutter).append(" = hint: ").append(hint).append('\n');
        }
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
