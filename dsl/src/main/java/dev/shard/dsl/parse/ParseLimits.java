package dev.shard.dsl.parse;

/**
 * Limits that keep a hostile or broken script from exhausting the parser: the script
 * size, how deep brackets and prefix operators may nest, and how deep one line's syntax
 * tree may grow (a chain of a thousand {@code +} is a thousand levels). Every limit is
 * reported as a diagnostic; none is ever hit as a StackOverflowError.
 *
 * @param maxCharacters      longest script accepted, in characters
 * @param maxNesting         brackets plus prefix operators ({@code -}, {@code not}) open at once
 * @param maxExpressionDepth deepest syntax tree of one line
 */
public record ParseLimits(int maxCharacters, int maxNesting, int maxExpressionDepth) {
    public static final ParseLimits DEFAULT = new ParseLimits(1_000_000, 64, 1_000);

    public ParseLimits {
        if (maxCharacters <= 0 || maxNesting <= 0 || maxExpressionDepth <= 0) {
            throw new IllegalArgumentException("parse limits must be positive");
        }
    }
}
