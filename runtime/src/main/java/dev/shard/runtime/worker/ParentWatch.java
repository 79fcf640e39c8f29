package dev.shard.runtime.worker;

import java.util.Optional;

/**
 * Ends the worker when its driver process is gone, even if the socket close was missed
 * (a driver frozen by SIGSTOP keeps its socket open; one killed does not).
 */
final class ParentWatch {
    private static final long CHECK_MILLIS = 500;

    private ParentWatch() {
    }

    static void start() {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty()) {
            WorkerMain.fail("driver process is gone", WorkerMain.EXIT_DRIVER_GONE);
            return;
        }
        ProcessHandle driver = parent.get();
        Thread watcher = Thread.ofPlatform().daemon().name("shard-parent-watch").start(() -> {
            while (true) {
                if (!driver.isAlive()) {
                    WorkerMain.fail("driver process " + driver.pid() + " is gone; exiting",
                            WorkerMain.EXIT_DRIVER_GONE);
                }
                try {
                    Thread.sleep(CHECK_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.setUncaughtExceptionHandler((thread, error) -> error.printStackTrace());
    }
}
