package dev.shard.runtime.api;

import dev.shard.runtime.task.ShardContext;
import dev.shard.runtime.task.ShardKernel;
import dev.shard.runtime.task.Shards;
import dev.shard.runtime.testing.WorkerProcesses;
import dev.shard.storage.buffer.BufferSpec;
import dev.shard.storage.buffer.OutputBuffer;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.SegmentStore;
import dev.shard.storage.share.Shared;
import dev.shard.storage.share.SharedDoubleArray;
import dev.shard.storage.share.SharedHandle;
import dev.shard.storage.share.SharedInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real worker JVMs: runs on a warm pool reuse what the worker mapped, and never past a release. */
@Tag("process")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WarmRunProcessTest {

    @AfterAll
    static void nothingLeft() throws InterruptedException {
        assertEquals(List.of(), SegmentStore.shared().owned(), "segments left open");
        assertEquals(List.of(), WorkerProcesses.awaitNone(), "worker processes left running");
    }

    /** The identity of the input view the worker hands the kernel, and a value read through it. */
    private static Run<String> viewIdentity(Pool pool, SharedHandle input, OutputBuffer output) {
        return pool.shardMap(Shards.contiguous(1, 1), context -> {
            SharedDoubleArray values = context.input("x", SharedDoubleArray.class);
            OutputBuffer out = context.output("y", OutputBuffer.class);
            out.setDouble(0, out.getDouble(0) + values.get(0));
            return ProcessHandle.current().pid() + "/" + System.identityHashCode(values) + "/"
                    + System.identityHashCode(out);
        }, RunOptions.none().withInput("x", input).withOutput("y", output.reference()));
    }

    @Test
    void aSecondRunReusesTheMappedInputAndAReleasedInputFailsClearly() throws Exception {
        try (OutputBuffer output = OutputBuffer.create(BufferSpec.vector(ElementType.DOUBLE, 1));
                Pool pool = Pool.builder().workers(1).maxRetries(0).start()) {
            SharedHandle handle;
            long worker = pool.status().workers().getFirst().pid();
            try (SharedInput input = Shared.share(new double[] {2.5})) {
                handle = input.handle();
                String first = viewIdentity(pool, handle, output).results().getFirst();
                String second = viewIdentity(pool, handle, output).results().getFirst();
                assertEquals(first, second, "the same worker reads through the same views: nothing re-opened");
                assertEquals(5.0, output.getDouble(0), "both runs wrote through the kept output view");
                assertTrue(mapsOf(worker).contains(handle.path()), "the worker keeps the input mapped");
            }
            Run<String> afterRelease = viewIdentity(pool, handle, output);
            assertFalse(afterRelease.succeeded());
            RunFailedException error = assertThrows(RunFailedException.class, afterRelease::results);
            assertTrue(error.getMessage().contains("no segment at " + handle.path()), error.getMessage());
            assertTrue(error.getMessage().contains("was released by its owner"), error.getMessage());
            assertEquals(5.0, output.getDouble(0), "nothing read or written after the release");

            try (SharedInput fresh = Shared.share(new double[] {1.0})) {
                String third = viewIdentity(pool, fresh.handle(), output).results().getFirst();
                assertEquals(6.0, output.getDouble(0), "a new input is opened and read");
                assertTrue(third.startsWith(worker + "/"), third);
            }
        }
    }

    @Test
    void anIdleWorkerLetsGoOfAReleasedInputSoItsMemoryReturns() throws Exception {
        try (OutputBuffer output = OutputBuffer.create(BufferSpec.vector(ElementType.DOUBLE, 1));
                Pool pool = Pool.builder().workers(1).start()) {
            long worker = pool.status().workers().getFirst().pid();
            String path;
            try (SharedInput input = Shared.share(new double[] {1.0})) {
                path = input.handle().path();
                assertTrue(viewIdentity(pool, input.handle(), output).succeeded());
                assertTrue(mapsOf(worker).contains(path), "kept mapped after the run");
            }
            // No further run comes: the idle worker notices the release by itself.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (mapsOf(worker).contains(path) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertFalse(mapsOf(worker).contains(path), "the released segment is still mapped by the worker");
            assertNotEquals("", mapsOf(worker), "the worker is alive");
        }
    }

    /** Returns which kernel instance ran: a fresh one per decoding of the run descriptor. */
    static final class InstanceKernel implements ShardKernel<Integer> {
        private final String input;

        InstanceKernel(String input) {
            this.input = input;
        }

        @Override
        public Integer run(ShardContext context) {
            if (input != null) {
                context.input(input, AutoCloseable.class);
            }
            return System.identityHashCode(this);
        }
    }

    private static int instance(Pool pool, SharedHandle input) {
        RunOptions options = input == null ? RunOptions.none() : RunOptions.none().withInput("x", input);
        return pool.shardMap(Shards.contiguous(1, 1), new InstanceKernel(input == null ? null : "x"), options)
                .results().getFirst();
    }

    @Test
    void anIdenticalRunReusesTheDecodedKernelOnlyWhileItsViewsAreUnchanged() throws Exception {
        try (Pool pool = Pool.builder().workers(1).start()) {
            assertEquals(instance(pool, null), instance(pool, null), "same bytes, nothing mapped: reused");
            try (SharedInput first = Shared.share(new double[] {1.0});
                    SharedInput second = Shared.share(new double[] {2.0})) {
                int kernel = instance(pool, first.handle());
                assertEquals(kernel, instance(pool, first.handle()), "same run again: the kernel is reused");
                int other = instance(pool, second.handle());
                assertNotEquals(kernel, other, "another input: other bytes, decoded afresh");
                int back = instance(pool, first.handle());
                assertNotEquals(kernel, back, "only the last descriptor is kept");
                assertEquals(back, instance(pool, first.handle()));
                second.close();
                // The worker lets go of the released input (at the next setup or while idle):
                // a kernel that might hold its view is not reused.
                assertNotEquals(back, instance(pool, first.handle()), "a view was closed: decoded afresh");
            }
        }
    }

    private static String mapsOf(long pid) throws IOException {
        return Files.readString(Path.of("/proc", Long.toString(pid), "maps"));
    }
}
