package dev.shard.planner.exec.vector;

/**
 * Up to {@link #CAPACITY} consecutive rows of a stage's input, as columns. Operators
 * never move rows: a filter narrows the {@code selection} (ascending row positions)
 * and later expressions are evaluated densely, so {@code firstRow + position} stays the
 * row's index in its source — what the generator functions need.
 */
public final class ColumnBatch {
    /** Rows per batch: 16 batches make one 65,536-row determinism block. */
    public static final int CAPACITY = 4096;

    private final BatchColumn[] columns;
    private int size;
    private long firstRow;
    private final int[] selection;
    private int selectedCount;
    private boolean allSelected;

    public ColumnBatch(int columnCount) {
        this(columnCount, CAPACITY);
    }

    /** A batch of at most {@code capacity} rows: for readers kept by the hundred, each reading a few rows. */
    public ColumnBatch(int columnCount, int capacity) {
        this.columns = new BatchColumn[columnCount];
        this.selection = new int[capacity];
    }

    /** Starts a new batch of {@code size} rows beginning at source row {@code firstRow}, every row selected. */
    public void reset(long firstRow, int size) {
        this.firstRow = firstRow;
        this.size = size;
        this.allSelected = true;
        this.selectedCount = size;
    }

    /** Takes {@code other}'s rows and selection (not its columns): what a projection's output batch does. */
    public void selectSameRowsAs(ColumnBatch other) {
        this.firstRow = other.firstRow;
        this.size = other.size;
        this.allSelected = other.allSelected;
        this.selectedCount = other.selectedCount;
        if (!allSelected) {
            System.arraycopy(other.selection, 0, selection, 0, selectedCount);
        }
    }

    /** Column {@code index} in the heap form (a mapped column's values copied into its arrays first). */
    public BatchColumn column(int index) {
        BatchColumn column = columns[index];
        return column == null ? null : column.heap();
    }

    /** Column {@code index} as it is, possibly mapped: for operators with an in-place loop. */
    public BatchColumn columnInPlace(int index) {
        return columns[index];
    }

    public void setColumn(int index, BatchColumn column) {
        columns[index] = column;
    }

    public int columnCount() {
        return columns.length;
    }

    public int size() {
        return size;
    }

    public long firstRow() {
        return firstRow;
    }

    public boolean allSelected() {
        return allSelected;
    }

    public int selectedCount() {
        return selectedCount;
    }

    /** The k-th selected row position (0 ≤ k < selectedCount). */
    public int selected(int k) {
        return allSelected ? k : selection[k];
    }

    /**
     * The selected row positions in {@code [0, selectedCount())}, ascending; meaningful only when
     * not {@link #allSelected()}. The batch's own array, for hot loops: read it, never write it.
     */
    public int[] selection() {
        return selection;
    }

    /**
     * The selection array for a filter that narrows in one pass ({@code MappedSelections}): it
     * reads position k (the k-th selected row, or row k when {@link #allSelected()}) before it
     * writes position {@code count <= k}, so the kept rows stay ascending, then calls
     * {@link #narrowedTo}.
     */
    public int[] selectionToNarrow() {
        return selection;
    }

    /** Ends a one-pass narrowing: the first {@code count} positions of the selection are the kept rows. */
    public void narrowedTo(int count) {
        selectedCount = count;
        allSelected = false;
    }

    /**
     * Keeps only the selected rows where {@code keep} is true and not null. Branch-free: every
     * row is written and the count advances by the predicate, since a data-dependent branch
     * (W3's a > 0.5 is a coin flip) mispredicts on every other row.
     */
    public void narrow(BatchColumn keep) {
        boolean[] values = keep.booleans;
        int count = 0;
        if (keep.hasNulls) {
            boolean[] nulls = keep.nulls;
            for (int k = 0; k < selectedCount; k++) {
                int row = allSelected ? k : selection[k];
                selection[count] = row;
                count += (values[row] & !nulls[row]) ? 1 : 0;
            }
        } else if (allSelected) {
            for (int row = 0; row < selectedCount; row++) {
                selection[count] = row;
                count += values[row] ? 1 : 0;
            }
        } else {
            for (int k = 0; k < selectedCount; k++) {
                int row = selection[k];
                selection[count] = row;
                count += values[row] ? 1 : 0;
            }
        }
        selectedCount = count;
        allSelected = false;
    }
}
