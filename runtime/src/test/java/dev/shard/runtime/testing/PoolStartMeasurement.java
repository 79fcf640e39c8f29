package dev.shard.runtime.testing;

import dev.shard.runtime.api.Pool;
import dev.shard.runtime.task.PoolStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prints pool start-up times (spawn → every worker connected): one warm-up start for the
 * driver's own class loading, then {@code starts} measured ones. Workers are fresh JVMs
 * every time, so each measured start is a cold worker start. Run it with a classpath of
 * jars to see the AOT cache at work. Arguments: starts, workers, extra worker JVM options.
 */
public final class PoolStartMeasurement {
    private PoolStartMeasurement() {
    }

    public static void main(String[] arguments) {
        int starts = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 7;
        int workers = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 2;
        List<String> options = arguments.length > 2 ? List.of(arguments).subList(2, arguments.length) : List.of();
        double[] poolMillis = new double[starts];
        List<Double> workerMillis = new ArrayList<>();
        for (int i = -1; i < starts; i++) {
            Pool pool = Pool.builder().workers(workers).workerJvmOptions(options).start();
            PoolStatus status = pool.status();
            long stopping = System.nanoTime();
            pool.close();
            if (i >= 0) {
                poolMillis[i] = status.poolStartSeconds() * 1000;
                workerMillis.addAll(status.workerStartMillis());
            }
            System.out.printf("start %d: pool %.0f ms, workers %s ms %s; stop %.0f ms%n", i,
                    status.poolStartSeconds() * 1000,
                    status.workerStartMillis().stream().map(m -> String.format("%.0f", m)).toList(),
                    status.workers().stream().map(PoolStatus.WorkerStatus::startupCache).toList(),
                    (System.nanoTime() - stopping) / 1e6);
        }
        double[] sortedWorkers = workerMillis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        Arrays.sort(poolMillis);
        System.out.printf("median pool start %.0f ms (min %.0f, max %.0f) over %d starts of %d workers;"
                        + " median worker start %.0f ms%n", poolMillis[starts / 2], poolMillis[0],
                poolMillis[starts - 1], starts, workers, sortedWorkers[sortedWorkers.length / 2]);
    }
}
