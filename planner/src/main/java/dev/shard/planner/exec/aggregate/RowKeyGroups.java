package dev.shard.planner.exec.aggregate;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.type.DataType;
import java.util.Arrays;
import java.util.List;

/** Keys of any types and number: each group's keys kept column-wise, found by hash and compared in place. */
final class RowKeyGroups implements GroupKeys {
    private final BatchColumn[] keys;
    private int[] slots = new int[1024];
    private long[] hashes = new long[256];
    private int size;

    RowKeyGroups(List<DataType> types) {
        keys = types.stream().map(type -> new BatchColumn(type, 256)).toArray(BatchColumn[]::new);
    }

    @Override
    public void assign(BatchColumn[] keyValues, ColumnBatch batch, int[] groupIds) {
        int count = batch.selectedCount();
        for (int k = 0; k < count; k++) {
            groupIds[k] = insert(keyValues, batch.selected(k));
        }
    }

    @Override
    public int insert(BatchColumn[] keyValues, int row) {
        long hash = hash(keyValues, row);
        int mask = slots.length - 1;
        int slot = (int) IntKeyGroups.mix(hash) & mask;
        while (true) {
            int group = slots[slot] - 1;
            if (group < 0) {
                return add(keyValues, row, hash, slot);
            }
            if (hashes[group] == hash && equal(keyValues, row, group)) {
                return group;
            }
            slot = (slot + 1) & mask;
        }
    }

    private int add(BatchColumn[] keyValues, int row, long hash, int slot) {
        for (int c = 0; c < keys.length; c++) {
            keys[c].ensureCapacity(size + 1);
            keys[c].copyRow(keyValues[c], row, size);
        }
        if (size == hashes.length) {
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        hashes[size] = hash;
        slots[slot] = size + 1;
        size++;
        if (size * 2 > slots.length) {
            rehash();
        }
        return size - 1;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int group = 0; group < size; group++) {
            int slot = (int) IntKeyGroups.mix(hashes[group]) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = group + 1;
        }
    }

    private boolean equal(BatchColumn[] keyValues, int row, int group) {
        for (int c = 0; c < keys.length; c++) {
            BatchColumn mine = keys[c];
            BatchColumn theirs = keyValues[c];
            boolean myNull = mine.isNull(group);
            if (myNull != theirs.isNull(row)) {
                return false;
            }
            if (myNull) {
                continue;
            }
            boolean same = switch (mine.type()) {
                case INT -> mine.longs[group] == theirs.longs[row];
                case DOUBLE -> bits(mine.doubles[group]) == bits(theirs.doubles[row]);
                case BOOL -> mine.booleans[group] == theirs.booleans[row];
                case STRING -> mine.strings[group].equals(theirs.strings[row]);
            };
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static long hash(BatchColumn[] keyValues, int row) {
        long hash = 17;
        for (BatchColumn column : keyValues) {
            long value;
            if (column.isNull(row)) {
                value = 0x5bd1e995L;
            } else {
                value = switch (column.type()) {
                    case INT -> column.longs[row];
                    case DOUBLE -> bits(column.doubles[row]);
                    case BOOL -> column.booleans[row] ? 1 : 2;
                    case STRING -> column.strings[row].hashCode();
                };
            }
            hash = hash * 0x100000001b3L + IntKeyGroups.mix(value);
        }
        return hash;
    }

    /** -0.0 and 0.0 are one key; every NaN is one key. */
    static long bits(double value) {
        return Double.doubleToLongBits(value == 0.0 ? 0.0 : value);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public BatchColumn[] export() {
        BatchColumn[] exported = new BatchColumn[keys.length];
        for (int c = 0; c < keys.length; c++) {
            exported[c] = keys[c].trimmed(size);
        }
        return exported;
    }

    @Override
    public void clear() {
        Arrays.fill(slots, 0);
        for (BatchColumn key : keys) {
            key.hasNulls = false;
        }
        size = 0;
    }
}
