package dev.shard.runtime.testing;

import dev.shard.runtime.api.Pool;
import dev.shard.runtime.api.Run;
import dev.shard.runtime.api.RunOptions;
import dev.shard.runtime.task.Shards;
import dev.shard.storage.StorageException;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.Segment;
import dev.shard.storage.segment.SegmentStore;

/**
 * A driver in its own JVM whose shm and spill roots are a small file system the test fills
 * while the run goes on (SHARD_SHM_DIR / SHARD_SPILL_DIR are read once per process, so the
 * test's own JVM cannot move them). Prints {@code running} just before the run, then what
 * became of it: {@code exact=true|false}, the first failure if any, and whether one more
 * segment of the same size was refused once the file system was full.
 */
public final class FullFileSystemDriver {
    private static final long SHARD_MILLIS = 4;

    private FullFileSystemDriver() {
    }

    public static void main(String[] arguments) throws Exception {
        int items = Integer.parseInt(arguments[0]);
        int shards = Integer.parseInt(arguments[1]);
        long bytes = items * (long) Long.BYTES;
        try (Segment input = SegmentStore.shared().create(bytes, Backing.SHM);
                Segment output = SegmentStore.shared().create(bytes, Backing.SHM);
                Pool pool = Pool.builder().workers(2).start()) {
            for (int i = 0; i < items; i++) {
                input.setLong(i * (long) Long.BYTES, i * 3L);
            }
            RunOptions options = RunOptions.none()
                    .withInput("x", SegmentArray.Reference.readOnly(input))
                    .withOutput("y", SegmentArray.Reference.readWrite(output));
            System.out.println("running");
            System.out.flush();
            Run<Long> run = pool.shardMap(Shards.contiguous(items, items / shards), context -> {
                Thread.sleep(SHARD_MILLIS);
                SegmentArray x = context.input("x", SegmentArray.class);
                SegmentArray y = context.output("y", SegmentArray.class);
                context.shard().forEach(i -> y.setLong(i, x.getLong(i) + 1));
                return context.shard().size();
            }, options);
            boolean exact = run.succeeded();
            for (int i = 0; exact && i < items; i++) {
                exact = output.getLong(i * (long) Long.BYTES) == i * 3L + 1;
            }
            System.out.println("exact=" + exact);
            if (!run.succeeded()) {
                System.out.println("failure: " + run.failures().getFirst().error());
            }
            try (Segment more = SegmentStore.shared().create(bytes, Backing.SHM)) {
                System.out.println("created another " + bytes + " bytes at " + more.path());
            } catch (StorageException refused) {
                System.out.println("refused: " + refused.getMessage());
            }
        }
    }
}
