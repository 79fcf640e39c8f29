package dev.shard.bench;

import dev.shard.examples.workload.FilterDeriveAggregateWorkload;
import dev.shard.examples.workload.GroupAggregateWorkload;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The in-process baselines of W2 and W3: plain Java loops over the generated arrays,
 * computing exactly what the engine computes, on 1 thread or split into contiguous
 * ranges over several threads (started once, so thread start-up is not timed) whose
 * partials are merged. Each call returns the workload's checksum.
 */
final class JavaLoops implements AutoCloseable {
    private static final double THRESHOLD = 0.5;
    private final int threads;
    private final ExecutorService executor;

    JavaLoops(int threads) {
        this.threads = threads;
        this.executor = Executors.newFixedThreadPool(threads);
    }

    int threads() {
        return threads;
    }

    /** W2: per key count, sum, mean, min, max. */
    double groupAggregate(WorkloadArrays.GroupAggregate data) throws Exception {
        List<GroupAggregateWorkload.Groups> partials = split(data.rows(), (start, end) -> {
            GroupAggregateWorkload.Groups groups = new GroupAggregateWorkload.Groups(GroupAggregateWorkload.KEYS);
            int[] keys = data.keys();
            double[] values = data.values();
            for (int i = start; i < end; i++) {
                groups.add(keys[i], values[i]);
            }
            return groups;
        });
        GroupAggregateWorkload.Groups total = partials.getFirst();
        partials.stream().skip(1).forEach(total::merge);
        return total.checksum();
    }

    /** W3: rows with a > 0.5; c = a * b + 1; per k sum(c) and count. */
    double filterDerive(WorkloadArrays.FilterDerive data) throws Exception {
        record Partial(double[] sums, long[] counts) {
        }
        List<Partial> partials = split(data.rows(), (start, end) -> {
            double[] sums = new double[FilterDeriveAggregateWorkload.KEYS];
            long[] counts = new long[FilterDeriveAggregateWorkload.KEYS];
            double[] a = data.a();
            double[] b = data.b();
            int[] k = data.k();
            for (int i = start; i < end; i++) {
                if (a[i] > THRESHOLD) {
                    sums[k[i]] += a[i] * b[i] + 1;
                    counts[k[i]]++;
                }
            }
            return new Partial(sums, counts);
        });
        double[] sums = new double[FilterDeriveAggregateWorkload.KEYS];
        long[] counts = new long[FilterDeriveAggregateWorkload.KEYS];
        for (Partial partial : partials) {
            for (int key = 0; key < sums.length; key++) {
                sums[key] += partial.sums()[key];
                counts[key] += partial.counts()[key];
            }
        }
        return FilterDeriveAggregateWorkload.checksum(sums, counts);
    }

    @FunctionalInterface
    private interface RangeTask<T> {
        T run(int start, int end);
    }

    private <T> List<T> split(int rows, RangeTask<T> task) throws Exception {
        if (threads == 1) {
            return List.of(task.run(0, rows));
        }
        List<Future<T>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int start = (int) ((long) rows * t / threads);
            int end = (int) ((long) rows * (t + 1) / threads);
            futures.add(executor.submit(() -> task.run(start, end)));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
