package dev.shard.runtime.worker;

import java.util.Optional;

/**
 * Ends the worker when its driver process is gone, even if the socket close was missed
 * (a driver frozen by SIGSTOP keeps its socket open; one killed does not) or never came:
 * a worker still starting when its driver dies has no connection yet, and would otherwise
 * retry connecting to a removed socket for the whole connect patience (30 s).
 *
 * <p>The driver names itself ({@link WorkerMain#DRIVER_PROPERTY}), because by the time a
 * slow-starting worker reaches its main method the driver may already be gone and the
 * worker re-parented to init or a subreaper, which is alive: watching "the parent" would
 * then watch the wrong process forever.
 */
final class ParentWatch {
    /** How often the driver is looked up; also the bound on noticing its death without a socket. */
    static final long CHECK_MILLIS = 100;

    private ParentWatch() {
    }

    static void start() {
        Optional<ProcessHandle> driver = driver();
        if (driver.isEmpty()) {
            WorkerMain.fail("driver process " + System.getProperty(WorkerMain.DRIVER_PROPERTY, "(parent)")
                    + " is gone; exiting", WorkerMain.EXIT_DRIVER_GONE);
            return;
        }
        ProcessHandle watched = driver.get();
        Thread watcher = Thread.ofPlatform().daemon().name("shard-parent-watch").start(() -> {
            while (true) {
                if (!watched.isAlive()) {
                    WorkerMain.fail("driver process " + watched.pid() + " is gone; exiting",
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

    /**
     * The live driver process, or empty when it is gone: the named driver must still be this
     * process's parent (if it is not, the worker was re-parented because the driver died,
     * even if its pid has since been reused).
     */
    static Optional<ProcessHandle> driver() {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        String named = System.getProperty(WorkerMain.DRIVER_PROPERTY);
        if (named == null || named.isBlank()) {
            return parent.filter(ProcessHandle::isAlive);
        }
        long driverPid = Long.parseLong(named.strip());
        return parent.filter(handle -> handle.pid() == driverPid && handle.isAlive());
    }
}
