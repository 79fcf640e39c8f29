package dev.shard.dsl.diag;

import java.util.Arrays;
import java.util.Objects;

/**
 * A script's text with its file name and line index, so spans can be made from offsets
 * and diagnostics can quote the source line.
 */
public final class SourceText {
    private final String file;
    private final String content;
    private final int[] lineStarts;

    public SourceText(String file, String content) {
        this.file = Objects.requireNonNull(file, "file");
        this.content = Objects.requireNonNull(content, "content");
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            boolean lineEnd = c == '\n' || (c == '\r' && (i + 1 >= content.length() || content.charAt(i + 1) != '\n'));
            if (lineEnd) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, count);
    }

    public String file() {
        return file;
    }

    public String content() {
        return content;
    }

    public int lineCount() {
        return lineStarts.length;
    }

    /** The text of a 1-based line, without its line terminator. */
    public String line(int line) {
        if (line < 1 || line > lineStarts.length) {
            return "";
        }
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] : content.length();
        while (end > start && (content.charAt(end - 1) == '\n' || content.charAt(end - 1) == '\r')) {
            end--;
        }
        return content.substring(start, end);
    }

    /** The 1-based line holding an offset. */
    public int lineOf(int offset) {
        int index = Arrays.binarySearch(lineStarts, Math.max(0, Math.min(offset, content.length())));
        return index >= 0 ? index + 1 : -index - 1;
    }

    /** The span from {@code start} (inclusive) to {@code end} (exclusive), with 1-based lines and columns. */
    public SourceSpan span(int start, int end) {
        int clampedStart = Math.max(0, Math.min(start, content.length()));
        int clampedEnd = Math.max(clampedStart, Math.min(end, content.length()));
        int startLine = lineOf(clampedStart);
        int endLine = lineOf(clampedEnd);
        return new SourceSpan(file, startLine, clampedStart - lineStarts[startLine - 1] + 1,
                endLine, clampedEnd - lineStarts[endLine - 1] + 1, clampedStart, clampedEnd);
    }

    /** The span that covers both spans. */
    public SourceSpan cover(SourceSpan first, SourceSpan last) {
        return span(Math.min(first.startOffset(), last.startOffset()), Math.max(first.endOffset(), last.endOffset()));
    }
}
