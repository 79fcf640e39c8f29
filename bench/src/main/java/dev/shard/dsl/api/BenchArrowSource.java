package dev.shard.dsl.api;

import dev.shard.planner.logical.LogicalScan;
import dev.shard.planner.logical.TableSource;
import dev.shard.planner.run.ArrowTables;
import dev.shard.storage.arrow.ArrowFiles;
import dev.shard.storage.arrow.SharedArrowTable;
import dev.shard.storage.arrow.SharedTableHandle;
import dev.shard.storage.segment.Backing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bench only (it lives in the bench module, in this package for the package-private
 * {@code Dataset} constructor): an Arrow IPC file as a scan source named by a
 * {@link SharedTableHandle} over the whole file instead of by its {@code Path}.
 *
 * <p>Why: {@code Session.readArrow(path)} plans a {@code TableSource.ArrowFile(Path)} that
 * travels inside the stage kernel to the workers, and {@code Path} is not serializable, so
 * the query fails before it runs ("cannot serialize ... sun.nio.fs.UnixPath"). Workers
 * open this handle with the same zero-copy reader {@code readArrow} uses
 * ({@code ZeroCopyIpcReader}, offset 0, the whole file), so the measurement is the one
 * {@code readArrow} would give. Delete this class once {@code readArrow} runs on workers.
 */
public final class BenchArrowSource {
    private BenchArrowSource() {
    }

    public static Dataset read(Session session, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try (SharedArrowTable table = ArrowFiles.open(absolute)) {
            Backing backing = absolute.toString().startsWith("/dev/shm/") ? Backing.SHM : Backing.MMAP;
            SharedTableHandle handle = new SharedTableHandle(absolute.toString(), backing, 0, Files.size(absolute));
            return new Dataset(session, new LogicalScan(new TableSource.SharedTable(absolute.getFileName().toString(),
                    handle.encode()), ArrowTables.schemaOf(table.schema()), table.rowCount()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + absolute, e);
        }
    }
}
