package dev.shard.runtime.testing;

import dev.shard.runtime.api.Pool;
import dev.shard.runtime.task.PoolStatus;
import dev.shard.runtime.task.WorkerInit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A driver in its own JVM, for tests that kill the driver: starts a pool, prints its worker
 * pids, waits. With a second argument (a directory), its one worker's init hook hangs after
 * writing {@code init-<pid>} there, and the pids printed are those of workers inside the hook.
 */
public final class DriverProcess {
    static final String MARKER_DIRECTORY = "shard.test.markers";

    private DriverProcess() {
    }

    /** Marks that it runs, then never returns. */
    public static final class HangingInit implements WorkerInit {
        @Override
        public void initialize(int workerId) throws Exception {
            Files.writeString(Path.of(System.getProperty(MARKER_DIRECTORY))
                    .resolve("init-" + ProcessHandle.current().pid()), "running");
            Thread.sleep(TimeUnit.HOURS.toMillis(1));
        }
    }

    public static void main(String[] arguments) throws Exception {
        int workers = Integer.parseInt(arguments[0]);
        StringBuilder pids = new StringBuilder();
        if (arguments.length > 1) {
            Path markers = Path.of(arguments[1]);
            Thread.ofPlatform().daemon().start(() -> Pool.builder().workers(workers).initHook(HangingInit.class)
                    .workerJvmOptions(List.of("-D" + MARKER_DIRECTORY + "=" + markers))
                    .startTimeout(Duration.ofHours(1)).start());
            while (true) {
                try (var files = Files.list(markers)) {
                    List<Path> running = files.toList();
                    if (running.size() == workers) {
                        running.forEach(file -> pids.append(file.getFileName().toString().substring("init-".length()))
                                .append(' '));
                        break;
                    }
                }
                Thread.sleep(20);
            }
        } else {
            Pool pool = Pool.builder().workers(workers).start();
            for (PoolStatus.WorkerStatus worker : pool.status().workers()) {
                pids.append(worker.pid()).append(' ');
            }
        }
        System.out.println("workers: " + pids.toString().trim());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
