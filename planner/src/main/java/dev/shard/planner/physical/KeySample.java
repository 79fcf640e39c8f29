package dev.shard.planner.physical;

import dev.shard.planner.expr.Column;
import dev.shard.planner.expr.NamedExpr;
import dev.shard.planner.logical.LogicalAggregate;
import dev.shard.planner.logical.LogicalFilter;
import dev.shard.planner.logical.LogicalGenerate;
import dev.shard.planner.logical.LogicalJoin;
import dev.shard.planner.logical.LogicalLimit;
import dev.shard.planner.logical.LogicalMapKernel;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalProject;
import dev.shard.planner.logical.LogicalScan;
import dev.shard.planner.logical.LogicalShardRows;
import dev.shard.planner.logical.LogicalSort;
import dev.shard.planner.logical.LogicalWrite;
import dev.shard.planner.logical.TableSource;
import dev.shard.runtime.tune.HumanUnits;
import dev.shard.storage.arrow.ArrowFiles;
import dev.shard.storage.arrow.SharedArrowTable;
import dev.shard.storage.arrow.SharedTableHandle;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * How many groups a key read straight from a file or shared table is likely to have, from a
 * sample of its values (the data has no statistics): up to {@value #SLICES} slices of
 * {@value #SLICE_ROWS} rows spread over the table, read on the driver from the mapping. A key
 * whose sample repeats values a lot (distinct < sample / {@value #LOW_CARDINALITY}) is estimated
 * at {@value #FACTOR}× the distinct values seen; otherwise nothing is claimed. It is an estimate,
 * not a bound — a key with a long tail of rare values can have more groups — so it only steers
 * the choice of merge, which never changes the result (both merges give the same bits).
 */
final class KeySample {
    /**
     * Samples of sources that have not changed since, so that a query planned again over the same
     * file or shared table does not read it again: opening a file maps it and loads every batch's
     * vectors, 3.5 ms of each W2 query's planning over a 20M-row file (bench/results/2026-12-03-key-sample.md).
     */
    private static final Map<SampleMemory.Key, Optional<Counted>> SAMPLES = SampleMemory.bounded();
    static final int SLICES = 16;
    static final int SLICE_ROWS = 1_024;
    static final int LOW_CARDINALITY = 8;
    static final int FACTOR = 2;

    private KeySample() {
    }

    static Optional<GroupEstimate.Estimate> of(String key, LogicalPlan plan) {
        String column = key;
        LogicalPlan node = plan;
        while (true) {
            switch (node) {
                case LogicalScan scan -> {
                    return sample(scan, column);
                }
                case LogicalFilter filter -> node = filter.input();
                case LogicalSort sort -> node = sort.input();
                case LogicalLimit limit -> node = limit.input();
                case LogicalShardRows shardRows -> node = shardRows.input();
                case LogicalProject project -> {
                    Optional<String> source = renamed(column, project.columns());
                    if (source.isEmpty()) {
                        return Optional.empty();
                    }
                    column = source.get();
                    node = project.input();
                }
                case LogicalGenerate _, LogicalAggregate _, LogicalJoin _, LogicalMapKernel _, LogicalWrite _ -> {
                    return Optional.empty();
                }
            }
        }
    }

    private static Optional<String> renamed(String column, List<NamedExpr> columns) {
        for (NamedExpr named : columns) {
            if (named.name().equals(column)) {
                return named.expr() instanceof Column source ? Optional.of(source.name()) : Optional.empty();
            }
        }
        return Optional.of(column);
    }

    private static Optional<GroupEstimate.Estimate> sample(LogicalScan scan, String column) {
        Optional<Counted> counted = SampleMemory.key(scan.source(), column)
                .map(key -> SAMPLES.computeIfAbsent(key, unused -> count(scan.source(), column)))
                .orElseGet(() -> count(scan.source(), column));
        if (counted.isEmpty()) {
            return Optional.empty();
        }
        long distinct = counted.get().distinct();
        long sampled = counted.get().sampled();
        if (sampled == 0 || distinct * LOW_CARDINALITY > sampled) {
            return Optional.empty();
        }
        long groups = Math.min(scan.rows(), distinct * FACTOR);
        return Optional.of(new GroupEstimate.Estimate(groups, column + " ≈ " + FACTOR + " × "
                + HumanUnits.count(distinct) + " distinct values in a sample of " + HumanUnits.count(sampled)
                + " rows of " + scan.source().describe() + " (an estimate, not a bound)"));
    }

    /** The distinct values among the sampled rows of a column; empty when the source or the column cannot be read. */
    record Counted(long distinct, long sampled) {
    }

    private static Optional<Counted> count(TableSource source, String column) {
        SharedArrowTable table;
        try {
            table = switch (source) {
                case TableSource.ArrowFile file -> ArrowFiles.open(file.path());
                case TableSource.SharedTable shared -> SharedTableHandle.decode(shared.encodedHandle()).open();
                case TableSource.CsvFile _, TableSource.SharedMatrix _, TableSource.NamedResult _ -> null;
            };
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
        if (table == null) {
            return Optional.empty();
        }
        try (table) {
            // Integer keys (the common case) are counted from a sorted primitive array: no boxing.
            long[] integers = new long[SLICES * SLICE_ROWS];
            int integerCount = 0;
            Set<Object> values = new HashSet<>();
            long sampled = 0;
            int batches = table.batchCount();
            for (int slice = 0; slice < Math.min(SLICES, batches * 8); slice++) {
                VectorSchemaRoot batch = table.batch((int) ((long) slice * batches / Math.min(SLICES, batches * 8)));
                FieldVector vector = batch.getVector(column);
                if (vector == null) {
                    return Optional.empty();
                }
                int rows = batch.getRowCount();
                int start = (int) ((long) rows * (slice % 8) / 8) % Math.max(rows, 1);
                for (int row = start; row < Math.min(rows, start + SLICE_ROWS); row++) {
                    if (vector.isNull(row)) {
                        values.add(NullKey.NULL);
                    } else if (vector instanceof BaseIntVector ints) {
                        integers[integerCount++] = ints.getValueAsLong(row);
                    } else {
                        values.add(vector.getObject(row));
                    }
                    sampled++;
                }
            }
            return Optional.of(new Counted(values.size() + distinctOf(integers, integerCount), sampled));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static long distinctOf(long[] values, int count) {
        Arrays.sort(values, 0, count);
        long distinct = 0;
        for (int i = 0; i < count; i++) {
            if (i == 0 || values[i] != values[i - 1]) {
                distinct++;
            }
        }
        return distinct;
    }

    /** Null as a value of its own in the sample's set. */
    private enum NullKey {
        NULL
    }
}
