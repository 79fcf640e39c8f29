package dev.shard.planner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import dev.shard.storage.arrow.ArrowFiles;
import dev.shard.storage.arrow.SharedArrowTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage output written a slice at a time holds every appended row, in order and with its
 * nulls, whatever the batch sizes; an attempt that fails before committing leaves neither a
 * committed file nor its temporary file.
 */
class StageFileWriterTest {
    private static final Schema SCHEMA = Schema.of(Field.of("i", DataType.INT), Field.of("v", DataType.DOUBLE),
            Field.of("s", DataType.STRING));

    @TempDir
    Path directory;

    @Test
    void rowsOfManySlicesReadBackInOrderWithTheirNulls() {
        int rows = 2 * StageFileWriter.SLICE_ROWS + 12_345;
        StageFile file;
        try (StageFileWriter writer = new StageFileWriter(SCHEMA, directory, 7)) {
            int at = 0;
            for (int size = 1; at < rows; size = size % ColumnBatch.CAPACITY + 977) {
                int count = Math.min(size, rows - at);
                writer.append(batch(at, count));
                at += count;
            }
            file = writer.commit(false);
        }
        assertEquals(StageFiles.fileOf(directory, 7).toString(), file.path());
        assertEquals(rows, file.rows());
        try (SharedArrowTable table = ArrowFiles.open(Path.of(file.path()))) {
            assertEquals(3, table.batches().size(), "one record batch per 65,536-row slice");
        }
        ColumnTable read = StageFiles.read(file, SCHEMA);
        assertEquals(rows, read.rows());
        for (int r = 0; r < rows; r++) {
            assertEquals(expected(r), read.row(r), "row " + r);
        }
        assertEquals(List.of(StageFiles.fileOf(directory, 7)), files(), "only the committed file remains");
    }

    @Test
    void noRowsCommitNothingUnlessAnEmptyFileIsAskedFor() {
        try (StageFileWriter writer = new StageFileWriter(SCHEMA, directory, 0)) {
            writer.append(batch(0, 0));
            assertNull(writer.commit(false));
        }
        assertEquals(List.of(), files());
        StageFile empty;
        try (StageFileWriter writer = new StageFileWriter(SCHEMA, directory, 1)) {
            empty = writer.commit(true);
        }
        assertEquals(0, empty.rows());
        assertEquals(0, StageFiles.read(empty, SCHEMA).rows());
    }

    @Test
    void anAttemptThatFailsMidwayLeavesNoFile() {
        RuntimeException failure = assertThrows(IllegalStateException.class, () -> {
            try (StageFileWriter writer = new StageFileWriter(SCHEMA, directory, 3)) {
                writer.append(batch(0, StageFileWriter.SLICE_ROWS + 10));
                assertTrue(files().stream().anyMatch(f -> f.toString().endsWith(".arrow.tmp")),
                        "a full slice is already on its way to the temporary file");
                throw new IllegalStateException("the operator above failed");
            }
        });
        assertEquals("the operator above failed", failure.getMessage());
        assertEquals(List.of(), files());
        assertFalse(Files.exists(StageFiles.fileOf(directory, 3)));
    }

    private List<Path> files() {
        try (Stream<Path> listed = Files.list(directory)) {
            return listed.sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Rows {@code from}..{@code from + count}, every other one selected out and put back by the selection. */
    private static ColumnBatch batch(int from, int count) {
        int size = count * 2;
        ColumnBatch batch = new ColumnBatch(SCHEMA.size(), Math.max(1, size));
        batch.reset(from, size);
        BatchColumn keep = new BatchColumn(DataType.BOOL, Math.max(1, size));
        for (int c = 0; c < SCHEMA.size(); c++) {
            BatchColumn column = new BatchColumn(SCHEMA.fields().get(c).type(), Math.max(1, size));
            for (int k = 0; k < size; k++) {
                int row = from + k / 2;
                List<Object> values = expected(row);
                column.set(k, k % 2 == 0 ? values.get(c) : null);
                keep.booleans[k] = k % 2 == 0;
            }
            batch.setColumn(c, column);
        }
        batch.narrow(keep);
        return batch;
    }

    private static List<Object> expected(int row) {
        return java.util.Arrays.asList(row % 11 == 0 ? null : (long) row, row % 13 == 0 ? null : row * 0.5,
                row % 17 == 0 ? null : "s" + row);
    }
}
