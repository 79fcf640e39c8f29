package dev.shard.runtime.testing;

import java.util.List;

/** Finds this JVM's worker processes by the marker every worker carries on its command line. */
public final class WorkerProcesses {
    public static final String MARKER = "-Dshard.worker=";

    private WorkerProcesses() {
    }

    /** Live child processes of this JVM that are shard workers. */
    public static List<ProcessHandle> ours() {
        return ProcessHandle.current().children()
                .filter(ProcessHandle::isAlive)
                .filter(child -> child.info().arguments().map(List::of).orElse(List.of()).stream()
                        .anyMatch(argument -> argument.startsWith(MARKER)))
                .toList();
    }

    /** Waits (up to ~10 s) until no worker of ours is alive; returns what is still alive. */
    public static List<ProcessHandle> awaitNone() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<ProcessHandle> left = ours();
            if (left.isEmpty()) {
                return left;
            }
            Thread.sleep(100);
        }
        return ours();
    }
}
