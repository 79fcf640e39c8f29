package dev.shard.dsl.api;

/**
 * The entry point of the Java fluent API:
 * <pre>{@code
 * try (var s = Shard.local().workers(2).memoryBudget("4GiB").open()) {
 *     s.generate(20_000_000, col("key", randomInt(1000, 1)), col("value", random(2)))
 *      .groupBy("key").aggregate(count("n"), sum("value").as("total"))
 *      .sort("key").write(Path.of("out.csv"));
 * }
 * }</pre>
 */
public final class Shard {
    private Shard() {
    }

    /** A session on this machine: a pool of worker JVMs started by {@link SessionBuilder#open()}. */
    public static SessionBuilder local() {
        return new SessionBuilder();
    }
}
