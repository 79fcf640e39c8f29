package dev.shard.planner.exec.aggregate;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.exec.vector.MappedValues;
import java.lang.foreign.MemorySegment;
import dev.shard.planner.type.DataType;
import java.util.Arrays;

/**
 * The fast path for one INT key. Keys in {@code [0, DIRECT_KEYS)} (the usual small dense
 * ranges: W2's 1,000 keys, W3's 100) find their group by indexing an array with the key;
 * other keys use open addressing over the raw longs; the null key is apart. Groups are
 * numbered in order of first appearance whichever way a key is found.
 */
final class IntKeyGroups implements GroupKeys {
    private static final int INITIAL_SLOTS = 1024;
    /** Keys below this index {@code directGroups}; 64K ints (256 KiB) at most, grown as keys need. */
    static final int DIRECT_KEYS = 1 << 16;
    /** directGroups[key] = group + 1, 0 when the key has no group yet. */
    private int[] directGroups = new int[1024];
    private long[] slotKeys = new long[INITIAL_SLOTS];
    private int[] slotGroups = new int[INITIAL_SLOTS];
    private final BatchColumn keys = new BatchColumn(DataType.INT, 256);
    private int size;
    /** Groups whose key lives in the open-addressing slots (sizes the slots). */
    private int hashed;
    private int nullGroup = -1;

    @Override
    public void assign(BatchColumn[] keyValues, ColumnBatch batch, int[] groupIds) {
        BatchColumn column = keyValues[0];
        if (column.mapped() != null && !column.hasNulls) {
            assignMapped(column.mapped(), batch, groupIds);
            return;
        }
        long[] values = column.heap().longs;
        int count = batch.selectedCount();
        boolean dense = batch.allSelected();
        if (!column.hasNulls && dense) {
            int[] direct = directGroups;
            int missed = 0;
            for (int k = 0; k < count; k++) {
                long key = values[k];
                int group = key >= 0 && key < direct.length ? direct[(int) key] - 1 : -1;
                groupIds[k] = group;
                missed |= group;
            }
            if (missed < 0) {
                for (int k = 0; k < count; k++) {
                    if (groupIds[k] < 0) {
                        groupIds[k] = find(values[k]);
                    }
                }
            }
            return;
        }
        if (!column.hasNulls) {
            int[] direct = directGroups;
            for (int k = 0; k < count; k++) {
                long key = values[batch.selected(k)];
                int group = key >= 0 && key < direct.length ? direct[(int) key] - 1 : -1;
                if (group < 0) {
                    group = find(key);
                    direct = directGroups;
                }
                groupIds[k] = group;
            }
            return;
        }
        for (int k = 0; k < count; k++) {
            int row = dense ? k : batch.selected(k);
            groupIds[k] = column.nulls[row] ? nullGroup() : find(values[row]);
        }
    }

    /**
     * {@link #assign}'s dense loops run in two passes: known keys first, in a loop without a
     * call, so the JIT keeps the mapping's bounds, alignment and liveness checks out of it
     * (with {@link #find} inside they ran on every row); then, only when some row missed, the
     * new keys in row order, which numbers groups in order of first appearance as one pass would.
     * A batch misses only while its block's keys are new: W2's 1,000 keys in a block's first batch.
     *
     * <p>The loops for keys read in place from a mapped int32 or int64 column without
     * nulls: one loop per width and per dense or selected batch, so no row tests either (the
     * int32 dense loop is W2's over an Arrow file).
     */
    private void assignMapped(MappedValues keys, ColumnBatch batch, int[] groupIds) {
        MemorySegment data = keys.data();
        long offset = keys.offset();
        int count = batch.selectedCount();
        if (keys.width() != MappedValues.Width.INT32) {
            for (int k = 0; k < count; k++) {
                groupIds[k] = groupOf(data.get(MappedValues.LONG, offset + batch.selected(k) * 8L));
            }
            return;
        }
        if (!batch.allSelected()) {
            int[] selection = batch.selection();
            for (int k = 0; k < count; k++) {
                groupIds[k] = groupOf(data.get(MappedValues.INT, offset + selection[k] * 4L));
            }
            return;
        }
        int[] direct = directGroups;
        int missed = 0;
        for (int k = 0; k < count; k++) {
            int key = data.get(MappedValues.INT, offset + k * 4L);
            int group = key >= 0 && key < direct.length ? direct[key] - 1 : -1;
            groupIds[k] = group;
            missed |= group;
        }
        if (missed < 0) {
            for (int k = 0; k < count; k++) {
                if (groupIds[k] < 0) {
                    groupIds[k] = find(data.get(MappedValues.INT, offset + k * 4L));
                }
            }
        }
    }

    /** The group of a key without nulls, added when new: the direct array first. */
    int groupOf(long key) {
        int[] direct = directGroups;
        int group = key >= 0 && key < direct.length ? direct[(int) key] - 1 : -1;
        return group >= 0 ? group : find(key);
    }

    @Override
    public int insert(BatchColumn[] keyValues, int row) {
        BatchColumn column = keyValues[0].heap();
        return column.isNull(row) ? nullGroup() : find(column.longs[row]);
    }

    /** The driver's merge of a partial: one array lookup per row for small keys, as in {@link #assign}. */
    @Override
    public void insertAll(BatchColumn[] keyValues, int rows, int[] groupIds) {
        BatchColumn column = keyValues[0];
        if (column.hasNulls) {
            GroupKeys.super.insertAll(keyValues, rows, groupIds);
            return;
        }
        long[] values = column.longs;
        int[] direct = directGroups;
        for (int row = 0; row < rows; row++) {
            long key = values[row];
            int group = key >= 0 && key < direct.length ? direct[(int) key] - 1 : -1;
            if (group < 0) {
                group = find(key);
                direct = directGroups;
            }
            groupIds[row] = group;
        }
    }

    private int nullGroup() {
        if (nullGroup < 0) {
            nullGroup = add(0, true);
        }
        return nullGroup;
    }

    private int find(long key) {
        if (key >= 0 && key < DIRECT_KEYS) {
            return findDirect((int) key);
        }
        int mask = slotKeys.length - 1;
        int slot = (int) mix(key) & mask;
        while (true) {
            int group = slotGroups[slot];
            if (group == 0) {
                int added = add(key, false);
                slotKeys[slot] = key;
                slotGroups[slot] = added + 1;
                hashed++;
                if (hashed * 2 > slotKeys.length) {
                    grow();
                }
                return added;
            }
            if (slotKeys[slot] == key) {
                return group - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    private int findDirect(int key) {
        if (key >= directGroups.length) {
            directGroups = Arrays.copyOf(directGroups, Math.min(DIRECT_KEYS, Math.max(key + 1,
                    directGroups.length * 2)));
        }
        int group = directGroups[key] - 1;
        if (group < 0) {
            group = add(key, false);
            directGroups[key] = group + 1;
        }
        return group;
    }

    private int add(long key, boolean isNull) {
        keys.ensureCapacity(size + 1);
        keys.longs[size] = key;
        keys.nulls[size] = isNull;
        keys.hasNulls |= isNull;
        return size++;
    }

    private void grow() {
        long[] oldKeys = slotKeys;
        int[] oldGroups = slotGroups;
        slotKeys = new long[oldKeys.length * 2];
        slotGroups = new int[oldKeys.length * 2];
        int mask = slotKeys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldGroups[i] != 0) {
                int slot = (int) mix(oldKeys[i]) & mask;
                while (slotGroups[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slotKeys[slot] = oldKeys[i];
                slotGroups[slot] = oldGroups[i];
            }
        }
    }

    static long mix(long key) {
        long z = key * 0x9E3779B97F4A7C15L;
        return z ^ (z >>> 29);
    }

    /** The groups' keys as they stand: row g is group g's key (null for the null key's group). */
    BatchColumn keys() {
        return keys;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public BatchColumn[] export() {
        return new BatchColumn[] {keys.trimmed(size)};
    }

    @Override
    public void write(PartialsWriter out) {
        out.columnCount(1);
        out.column(keys, size);
    }

    @Override
    public void clear() {
        for (int group = 0; group < size; group++) {
            long key = keys.longs[group];
            if (!keys.nulls[group] && key >= 0 && key < DIRECT_KEYS) {
                directGroups[(int) key] = 0;
            }
        }
        if (hashed > 0) {
            Arrays.fill(slotGroups, 0);
        }
        keys.hasNulls = false;
        size = 0;
        hashed = 0;
        nullGroup = -1;
    }
}
