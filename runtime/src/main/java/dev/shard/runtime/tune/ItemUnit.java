package dev.shard.runtime.tune;

/**
 * What the tuner's items are, for its arithmetic: a stage's rows, or the calls of an apply
 * (one per row or column of a matrix), so explain reads {@code shard calls 250 ← balance:
 * 2K calls / (2 workers × 4 shards/worker)}.
 */
public enum ItemUnit {
    ROWS("rows", "row"),
    CALLS("calls", "call");

    private final String plural;
    private final String singular;

    ItemUnit(String plural, String singular) {
        this.plural = plural;
        this.singular = singular;
    }

    public String plural() {
        return plural;
    }

    public String singular() {
        return singular;
    }
}
