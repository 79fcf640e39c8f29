package dev.shard.planner.exec;

/**
 * The partition cursors that still have rows, as a binary min-heap on their next row's
 * probe origin (probe row, then position): the merge finds the next probe row's
 * partition in O(log P) instead of scanning all P cursors. Each slot keeps its cursor's
 * origin in two arrays beside it, so sifting reads this heap's own memory, not P cursors'
 * chunks. Origins are unique across partitions (one probe row's matches all lie in one
 * partition), so the order is total and the merge's output does not depend on the heap.
 */
final class CursorHeap {
    private final PartitionCursor[] cursors;
    private final long[] rows;
    private final long[] positions;
    private int size;

    /** All of {@code cursors} that have a row left, each positioned. */
    CursorHeap(PartitionCursor[] all) {
        this.cursors = new PartitionCursor[all.length];
        this.rows = new long[all.length];
        this.positions = new long[all.length];
        for (PartitionCursor cursor : all) {
            if (!cursor.exhausted()) {
                cursors[size] = cursor;
                rows[size] = cursor.originRow();
                positions[size] = cursor.originPosition();
                size++;
            }
        }
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    /** The cursor whose next row comes first in probe order when that row's probe row is before {@code end}, else null. */
    PartitionCursor firstBefore(long end) {
        return size == 0 || rows[0] >= end ? null : cursors[0];
    }

    /** Puts the first cursor back in its place after it moved forward, or drops it when it has no row left. */
    void firstMoved() {
        PartitionCursor first = cursors[0];
        if (first.exhausted()) {
            size--;
            cursors[0] = cursors[size];
            rows[0] = rows[size];
            positions[0] = positions[size];
            cursors[size] = null;
        } else {
            rows[0] = first.originRow();
            positions[0] = first.originPosition();
        }
        if (size > 0) {
            siftDown(0);
        }
    }

    private void siftDown(int index) {
        PartitionCursor cursor = cursors[index];
        long row = rows[index];
        long position = positions[index];
        int at = index;
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(rows[child + 1], positions[child + 1], rows[child], positions[child])) {
                child++;
            }
            if (!before(rows[child], positions[child], row, position)) {
                break;
            }
            cursors[at] = cursors[child];
            rows[at] = rows[child];
            positions[at] = positions[child];
            at = child;
        }
        cursors[at] = cursor;
        rows[at] = row;
        positions[at] = position;
    }

    private static boolean before(long row, long position, long otherRow, long otherPosition) {
        return row != otherRow ? row < otherRow : position < otherPosition;
    }
}
