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
    private static final int MAX_QUOTED = 100;
    private static final int CONTEXT_BEFORE = 30;

    private final SourceText source;
    private final java.util.Map<String, SourceText> byFile = new java.util.HashMap<>();

    public DiagnosticRenderer(SourceText source) {
        this(List.of(source));
    }

    /** A renderer over several texts (a script and its {@code -p} values); the first is the script. */
    public DiagnosticRenderer(List<SourceText> sources) {
        this.source = sources.getFirst();
        for (SourceText each : sources) {
            byFile.putIfAbsent(each.file(), each);
        }
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
        String line = byFile.getOrDefault(span.file(), source).line(span.startLine()).replace('\t', ' ');
        int start = Math.min(span.startColumn() - 1, line.length());
        int end = span.endLine() == span.startLine() ? span.endColumn() - 1 : line.length();
        if (line.length() > MAX_QUOTED) {
            // Quote a window of a long line around the span, marked with "...".
            int from = Math.max(0, start - CONTEXT_BEFORE);
            int to = Math.min(line.length(), from + MAX_QUOTED);
            String prefix = from > 0 ? "..." : "";
            line = prefix + line.substring(from, to) + (to < line.length() ? "..." : "");
            start = start - from + prefix.length();
            end = Math.min(end, to) - from + prefix.length();
        }
        out.append(gutter).append(" |\n");
        out.append(number).append(" | ").append(line).append('\n');
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
