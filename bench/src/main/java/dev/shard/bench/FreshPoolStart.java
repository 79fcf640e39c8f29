package dev.shard.bench;

import dev.shard.runtime.api.Pool;
import java.util.Locale;

/**
 * One pool start in this JVM, which {@code bench/pool-start.sh} starts fresh for every round:
 * the start a user of {@code bin/shard} or a new Java program pays, where nothing of the
 * runtime (Netty, FFM, the launcher's classes) is loaded or compiled yet. Prints
 * {@code pool_start_ms=}: from {@code Pool...start()} to every worker connected.
 *
 * <p>Usage: {@code FreshPoolStart [workers]} (default 2).
 */
public final class FreshPoolStart {
    private FreshPoolStart() {
    }

    public static void main(String[] args) {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        long start = System.nanoTime();
        try (Pool pool = Pool.builder().workers(workers).start()) {
            double millis = (System.nanoTime() - start) / 1e6;
            System.out.printf(Locale.ROOT, "pool_start_ms=%.1f%n", millis);
        }
        // The pool is closed: nothing of ours keeps running, but do not wait for daemon-less threads.
        System.exit(0);
    }
}
