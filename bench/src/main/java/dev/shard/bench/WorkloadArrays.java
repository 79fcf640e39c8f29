package dev.shard.bench;

import dev.shard.examples.workload.FilterDeriveAggregateWorkload;
import dev.shard.examples.workload.GroupAggregateWorkload;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * W2 and W3 generated once into heap arrays (before any timing), the input of the
 * in-process loops and of DuckDB, and written as Arrow IPC files for the engine's
 * materialized-input runs. Same generator, so the same bits, as the engine's
 * {@code generate} source.
 */
final class WorkloadArrays {
    private WorkloadArrays() {
    }

    /** W2: {@code key[i] = K(1, i, 1000)}, {@code value[i] = U(2, i)}. */
    record GroupAggregate(int[] keys, double[] values) {
        static GroupAggregate generate(int rows) {
            int[] keys = new int[rows];
            double[] values = new double[rows];
            IntStream.range(0, rows).parallel().forEach(i -> {
                keys[i] = GroupAggregateWorkload.key(i);
                values[i] = GroupAggregateWorkload.value(i);
            });
            return new GroupAggregate(keys, values);
        }

        int rows() {
            return keys.length;
        }

        /** Columns {@code key} (int32) and {@code value} (double), as the engine query names them. */
        long writeArrow(Path file) throws IOException {
            return ArrowColumnsFile.write(file, rows(), List.of(
                    new ArrowColumnsFile.IntColumn("key", i -> keys[(int) i]),
                    new ArrowColumnsFile.DoubleColumn("value", i -> values[(int) i])));
        }
    }

    /** W3: {@code a[i] = U(1, i)}, {@code b[i] = U(2, i)}, {@code k[i] = K(3, i, 100)}. */
    record FilterDerive(double[] a, double[] b, int[] k) {
        static FilterDerive generate(int rows) {
            double[] a = new double[rows];
            double[] b = new double[rows];
            int[] k = new int[rows];
            IntStream.range(0, rows).parallel().forEach(i -> {
                a[i] = FilterDeriveAggregateWorkload.a(i);
                b[i] = FilterDeriveAggregateWorkload.b(i);
                k[i] = FilterDeriveAggregateWorkload.key(i);
            });
            return new FilterDerive(a, b, k);
        }

        int rows() {
            return k.length;
        }

        long writeArrow(Path file) throws IOException {
            return ArrowColumnsFile.write(file, rows(), List.of(
                    new ArrowColumnsFile.DoubleColumn("a", i -> a[(int) i]),
                    new ArrowColumnsFile.DoubleColumn("b", i -> b[(int) i]),
                    new ArrowColumnsFile.IntColumn("k", i -> k[(int) i])));
        }
    }
}
