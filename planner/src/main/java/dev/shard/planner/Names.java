package dev.shard.planner;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** "Did you mean": the candidates closest to a misspelt name by edit distance. */
public final class Names {
    private Names() {
    }

    /** The closest candidates, nearest first; empty when none is within a plausible distance. */
    public static List<String> closest(String name, Collection<String> candidates) {
        int limit = Math.max(1, name.length() / 3);
        return candidates.stream()
                .filter(candidate -> distance(name, candidate) <= limit
                        || candidate.equalsIgnoreCase(name))
                .sorted(Comparator.comparingInt((String candidate) -> distance(name, candidate))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(3)
                .toList();
    }

    /** Damerau–Levenshtein distance (adjacent transpositions count as one edit). */
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
                int cost = Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
