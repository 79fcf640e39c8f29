package dev.shard.bench;

import dev.shard.planner.exec.RowOrder;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.logical.SortKey;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * The engine's row sort ({@link RowOrder#sort}, what a shard's sort and the driver's final sort
 * run) on one thread in this process: a table of {@code rows} rows, an INT key of a million
 * values and a DOUBLE key in [0, 1), sorted by each key in turn, round after round. Prints each
 * sort's thread CPU time and a CRC-32 of the sorted keys, so two builds can be compared (put
 * this class first on each jar's class path and alternate the jars, as for StageProfile) and
 * seen to give the same order.
 *
 * <p>Usage: {@code SortProfile [rounds] [rows]}
 */
public final class SortProfile {
    private SortProfile() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Schema schema = new Schema(List.of(new Field("k", DataType.INT, false), new Field("v", DataType.DOUBLE,
                false)));
        SplittableRandom random = new SplittableRandom(1);
        BatchColumn k = new BatchColumn(DataType.INT, rows);
        BatchColumn v = new BatchColumn(DataType.DOUBLE, rows);
        for (int i = 0; i < rows; i++) {
            k.set(i, (long) random.nextInt(1_000_000));
            v.set(i, random.nextDouble());
        }
        ColumnTable table = new ColumnTable(schema, rows, List.of(k, v));
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round + ":");
            for (String key : List.of("k", "v")) {
                RowOrder order = new RowOrder(List.of(SortKey.ascending(key)), schema);
                long before = threads.getCurrentThreadCpuTime();
                ColumnTable sorted = order.sort(table, -1);
                long cpu = threads.getCurrentThreadCpuTime() - before;
                line.append(String.format(" by %s (%s) %.1f ms CPU, crc %08x;", key,
                        key.equals("k") ? "INT" : "DOUBLE", cpu / 1e6, crc(sorted)));
            }
            System.out.println(line);
        }
    }

    private static long crc(ColumnTable table) {
        CRC32 crc = new CRC32();
        for (int row = 0; row < table.rows(); row++) {
            crc.update(Long.hashCode(table.columns().get(0).longs[row]));
            crc.update(Long.hashCode(Double.doubleToLongBits(table.columns().get(1).doubles[row])));
        }
        return crc.getValue();
    }
}
