package dev.shard.dsl.diag;

/**
 * Where a piece of a script is: 1-based lines and columns (the end column is one past
 * the last character) and 0-based character offsets, end exclusive.
 */
public record SourceSpan(String file, int startLine, int startColumn, int endLine, int endColumn,
                         int startOffset, int endOffset) {
    public SourceSpan {
        if (startOffset < 0 || endOffset < startOffset) {
            throw new IllegalArgumentException("bad span offsets " + startOffset + ".." + endOffset);
        }
    }

    public int length() {
        return endOffset - startOffset;
    }

    /** {@code file:line:column}, the form editors jump to. */
    public String location() {
        return file + ":" + startLine + ":" + startColumn;
    }

    /** {@code line:column}, for "declared at" notes inside one file. */
    public String lineColumn() {
        return startLine + ":" + startColumn;
    }
}
