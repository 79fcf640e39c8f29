package dev.shard.runtime.testing;

import dev.shard.runtime.api.Pool;
import dev.shard.runtime.api.PoolStatus;

/** A driver in its own JVM, for tests that kill the driver: starts a pool, prints its worker pids, waits. */
public final class DriverProcess {
    private DriverProcess() {
    }

    public static void main(String[] arguments) throws Exception {
        Pool pool = Pool.builder().workers(Integer.parseInt(arguments[0])).start();
        StringBuilder pids = new StringBuilder();
        for (PoolStatus.WorkerStatus worker : pool.status().workers()) {
            pids.append(worker.pid()).append(' ');
        }
        System.out.println("workers: " + pids.toString().trim());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
