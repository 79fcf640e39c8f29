package dev.shard.dsl.diag;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** "Did you mean" by edit distance, and lists of names for hints. */
public final class Suggestions {
    private static final int MAX_LISTED = 12;

    private Suggestions() {
    }

    /**
     * The closest candidate, if it is close enough to be a likely typo: distance at most
     * one third of the word (at least 1, at most 3), ties broken alphabetically.
     */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        int limit = Math.max(1, Math.min(3, word.length() / 3));
        return candidates.stream()
                .filter(candidate -> !candidate.equals(word))
                .map(candidate -> new Scored(candidate, distance(word.toLowerCase(java.util.Locale.ROOT),
                        candidate.toLowerCase(java.util.Locale.ROOT))))
                .filter(scored -> scored.distance() <= limit)
                .min(Comparator.comparingInt(Scored::distance).thenComparing(Scored::candidate))
                .map(Scored::candidate);
    }

    /** {@code did you mean `x`?} or nothing. */
    public static Optional<String> didYouMean(String word, Collection<String> candidates) {
        return closest(word, candidates).map(candidate -> "did you mean `" + candidate + "`?");
    }

    /** A sorted, comma-separated list, shortened after a dozen names. */
    public static String list(Collection<String> names) {
        List<String> sorted = names.stream().distinct().sorted().toList();
        if (sorted.size() <= MAX_LISTED) {
            return String.join(", ", sorted);
        }
        return String.join(", ", sorted.subList(0, MAX_LISTED)) + ", ... (" + sorted.size() + " in all)";
    }

    /** Optimal string alignment distance: insert, delete, substitute, swap neighbours. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private record Scored(String candidate, int distance) {
    }
}
