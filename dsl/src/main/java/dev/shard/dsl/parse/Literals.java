package dev.shard.dsl.parse;

import dev.shard.dsl.ast.LiteralValue;
import dev.shard.dsl.diag.Diagnostic;
import dev.shard.dsl.diag.ErrorCode;
import dev.shard.dsl.diag.SourceSpan;
import dev.shard.dsl.diag.Suggestions;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads number and string literals. Row counts take decimal suffixes (K = 1,000,
 * M = 1,000,000, G = 1,000,000,000) and are integers; byte sizes take binary suffixes
 * (B, KiB, MiB, GiB, TiB, powers of 1024). Decimal byte units (KB, MB, GB, TB) are
 * refused with a hint, because "4GB" is read as 4 GiB by some tools and 4·10⁹ by others.
 */
final class Literals {
    private static final Map<String, Long> COUNT_SUFFIXES = Map.of("K", 1_000L, "M", 1_000_000L, "G", 1_000_000_000L);
    private static final Map<String, Long> BYTE_SUFFIXES = Map.of("B", 1L, "KiB", 1L << 10, "MiB", 1L << 20,
            "GiB", 1L << 30, "TiB", 1L << 40);
    private static final Map<String, String> DECIMAL_BYTE_SUFFIXES = Map.of("KB", "KiB", "MB", "MiB", "GB", "GiB",
            "TB", "TiB");

    private Literals() {
    }

    static LiteralValue integer(String text, SourceSpan span, Consumer<Diagnostic> report) {
        String digits = digits(text, span, report);
        try {
            return new LiteralValue.IntegerValue(Long.parseLong(digits));
        } catch (NumberFormatException tooLarge) {
            report.accept(Diagnostic.error(ErrorCode.BAD_NUMBER, span, "integer `" + text + "` is too large",
                    "integers are 64-bit: at most 9_223_372_036_854_775_807; write a decimal such as 1e19"));
            return new LiteralValue.IntegerValue(0);
        }
    }

    static LiteralValue decimal(String text, SourceSpan span, Consumer<Diagnostic> report) {
        double value = Double.parseDouble(digits(text, span, report));
        if (Double.isInfinite(value)) {
            report.accept(Diagnostic.error(ErrorCode.BAD_NUMBER, span, "number `" + text + "` is too large for a double"));
        }
        return new LiteralValue.DoubleValue(value);
    }

    static LiteralValue suffixed(String text, SourceSpan span, Consumer<Diagnostic> report) {
        int split = 0;
        while (split < text.length() && !Character.isLetter(text.charAt(split))) {
            split++;
        }
        String suffix = text.substring(split);
        BigDecimal number = new BigDecimal(digits(text.substring(0, split), span, report));
        Long countFactor = COUNT_SUFFIXES.get(suffix);
        Long byteFactor = BYTE_SUFFIXES.get(suffix);
        if (countFactor == null && byteFactor == null) {
            report.accept(unknownSuffix(text, suffix, span));
            return new LiteralValue.IntegerValue(0);
        }
        BigDecimal scaled = number.multiply(BigDecimal.valueOf(countFactor != null ? countFactor : byteFactor));
        long whole;
        try {
            whole = scaled.longValueExact();
        } catch (ArithmeticException notWhole) {
            report.accept(Diagnostic.error(ErrorCode.BAD_NUMBER, span,
                    "`" + text + "` is not a whole number of " + (countFactor != null ? "rows" : "bytes")
                            + " or is too large"));
            return new LiteralValue.IntegerValue(0);
        }
        return countFactor != null ? new LiteralValue.IntegerValue(whole) : new LiteralValue.ByteSize(whole);
    }

    private static Diagnostic unknownSuffix(String text, String suffix, SourceSpan span) {
        String binary = DECIMAL_BYTE_SUFFIXES.get(suffix);
        if (binary != null) {
            return Diagnostic.error(ErrorCode.DECIMAL_BYTE_UNIT, span, "byte sizes use binary units, not `" + suffix + "`",
                    "write `" + text.substring(0, text.length() - suffix.length()) + binary + "` (1024-based)");
        }
        List<String> known = List.of("K", "M", "G", "B", "KiB", "MiB", "GiB", "TiB");
        List<String> hints = new java.util.ArrayList<>();
        Suggestions.didYouMean(suffix, known).ifPresent(hints::add);
        hints.add("row counts take K, M or G (1,000-based); byte sizes take B, KiB, MiB, GiB or TiB");
        return Diagnostic.error(ErrorCode.UNKNOWN_SUFFIX, span, "unknown number suffix `" + suffix + "` in `" + text + "`",
                hints);
    }

    private static String digits(String text, SourceSpan span, Consumer<Diagnostic> report) {
        if (text.contains("__") || text.endsWith("_") || text.contains("_.") || text.contains("_e")
                || text.contains("_E")) {
            report.accept(Diagnostic.error(ErrorCode.BAD_NUMBER, span, "misplaced `_` in `" + text + "`",
                    "`_` may only stand between two digits, as in 10_000_000"));
        }
        return text.replace("_", "");
    }

    /** The value of a string literal with its quotes removed and escapes resolved. */
    static String string(String text, SourceSpan span, Consumer<Diagnostic> report) {
        StringBuilder value = new StringBuilder(text.length());
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char escaped = text.charAt(++i);
            switch (escaped) {
                case 'n' -> value.append('\n');
                case 't' -> value.append('\t');
                case 'r' -> value.append('\r');
                case '\\' -> value.append('\\');
                case '"' -> value.append('"');
                case 'u' -> i = unicode(text, i, value, span, report);
                default -> report.accept(Diagnostic.error(ErrorCode.BAD_ESCAPE,
                        new SourceSpan(span.file(), span.startLine(), span.startColumn() + i - 1, span.startLine(),
                                span.startColumn() + i + 1, span.startOffset() + i - 1, span.startOffset() + i + 1),
                        "unknown escape `\\" + escaped + "` in a string",
                        "the escapes are \\n \\t \\r \\\\ \\\" and \\uXXXX; write a backslash as `\\\\`"));
            }
        }
        return value.toString();
    }

    private static int unicode(String text, int at, StringBuilder value, SourceSpan span, Consumer<Diagnostic> report) {
        int end = at + 5;
        if (end <= text.length() - 1 && text.substring(at + 1, end).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            value.append((char) Integer.parseInt(text.substring(at + 1, end), 16));
            return end - 1;
        }
        report.accept(Diagnostic.error(ErrorCode.BAD_ESCAPE, span, "`\\u` needs four hex digits, as in `\\u00e9`"));
        return at;
    }
}
