package dev.shard.planner.rule;

import java.util.List;

/** The ordered rule registry. */
public final class Rules {
    private Rules() {
    }

    /**
     * The rules every plan goes through, in order: constants fold first so that a filter
     * that is always true is gone and conditions are simpler to move; filters then move
     * down; unused columns are pruned last, once every filter sits where it reads.
     */
    public static List<Rule> standard() {
        return List.of(new FoldConstants(), new PushDownFilter(), new PruneColumns());
    }
}
