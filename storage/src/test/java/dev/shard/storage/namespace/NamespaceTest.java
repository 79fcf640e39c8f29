package dev.shard.storage.namespace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.storage.StorageException;
import dev.shard.storage.arrow.ArrowFixtures;
import dev.shard.storage.arrow.SharedArrowTable;
import dev.shard.storage.segment.ProcessIdentity;
import dev.shard.storage.segment.RunDirectory;
import dev.shard.storage.segment.SegmentStore;
import dev.shard.storage.segment.SegmentSweeper;
import dev.shard.storage.share.SharedDoubleArray;
import dev.shard.storage.share.SharedIntArray;
import dev.shard.storage.share.SharedMatrix;
import dev.shard.storage.share.SharedStorageChecks;
import dev.shard.storage.share.SharedView;
import dev.shard.storage.testing.ChildJvm;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class NamespaceTest {
    private Namespace namespace;

    @BeforeEach
    void freshNamespace() {
        namespace = Namespace.named("test-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @AfterEach
    void releaseEverything() {
        namespace.close();
        assertEquals(List.of(), namespace.owned());
        assertEquals(List.of(), namespace.views());
    }

    @Test
    void registerRetrieveAndList() throws Exception {
        Variable registered = namespace.register("weights", new double[] {0.25, 0.5});
        assertEquals(ProcessIdentity.current(), registered.owner());
        try (SharedDoubleArray weights = (SharedDoubleArray) namespace.retrieve("weights")) {
            assertEquals(0.5, weights.get(1));
            assertEquals(List.of("weights"), namespace.list().stream().map(Variable::name).toList());
            assertEquals(List.of("weights"), namespace.owned().stream().map(Variable::name).toList());
            assertEquals(1, namespace.views().size());
            assertEquals("weights", namespace.views().getFirst().variable());
            Path entry = SegmentStore.shared().runDirectory(dev.shard.storage.segment.Backing.SHM)
                    .resolve("namespaces").resolve(namespace.name()).resolve("weights.var");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(entry)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(entry.getParent())));
        }
        assertEquals(List.of(), namespace.views(), "a closed view is no longer listed");
    }

    @Test
    void registeringANameTwiceFails() {
        namespace.register("x", new int[] {1});
        var error = assertThrows(StorageException.class, () -> namespace.register("x", new int[] {2}));
        assertTrue(error.getMessage().contains("variable 'x' is already registered in namespace '" + namespace.name()
                + "' by this process"), error.getMessage());
    }

    @Test
    void releasedVariableStaysReadableForOpenViewsAndCannotBeRetrievedAgain() {
        namespace.register("counts", new long[] {10, 20, 30});
        SharedView view = namespace.retrieve("counts");
        Path data = dataPath(view);
        namespace.release("counts");
        assertFalse(Files.exists(data), "release unlinks the data");
        assertEquals(30, ((dev.shard.storage.share.SharedLongArray) view).get(2), "the open view keeps reading");
        var error = assertThrows(StorageException.class, () -> namespace.retrieve("counts"));
        assertTrue(error.getMessage().contains("no variable 'counts' in namespace '" + namespace.name()
                + "': it was released by its owner or never registered"), error.getMessage());
        assertEquals(1, namespace.releaseViews(List.of("counts")));
        assertTrue(view.isClosed());
        var again = assertThrows(StorageException.class, () -> namespace.release("counts"));
        assertTrue(again.getMessage().contains("no variable 'counts' registered by this process"), again.getMessage());
    }

    @Test
    void tablesAndMatricesRegisterTogether() {
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot table = ArrowFixtures.sampleTable(allocator, 0, 40)) {
            namespace.registerAll(Map.of("table", table, "matrix", new double[][] {{1, 2}, {3, 4}}));
            Map<String, SharedView> views = namespace.retrieveAll(List.of("table", "matrix"));
            ArrowFixtures.assertSampleValues(((SharedArrowTable) views.get("table")).batch(0), 0);
            assertEquals(3, ((SharedMatrix) views.get("matrix")).get(1, 0));
            var wrongType = assertThrows(StorageException.class, () -> namespace.retrieveTable("matrix"));
            assertTrue(wrongType.getMessage().contains("is not an Arrow table"), wrongType.getMessage());
            assertEquals(2, namespace.releaseViews(List.of("table", "matrix")));
            namespace.releaseAll(List.of("table", "matrix"));
        }
    }

    @Test
    void badNamesAndValuesAreRejected() {
        var badName = assertThrows(StorageException.class, () -> namespace.register("../escape", new int[0]));
        assertTrue(badName.getMessage().contains("invalid variable name '../escape'"), badName.getMessage());
        var badValue = assertThrows(StorageException.class, () -> namespace.register("text", "hello"));
        assertTrue(badValue.getMessage().contains("cannot register a String as 'text'"), badValue.getMessage());
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void variablesCrossProcessesWithRealReferenceCounts() throws Exception {
        namespace.register("fromParent", new double[][] {{1, 2, 3}, {4, 5, 6}});
        try (ChildJvm child = ChildJvm.start(NamespaceChild.class, List.of("-Xmx64m"), namespace.name())) {
            child.awaitLine("registered", Duration.ofMinutes(1));
            OutputStream commands = child.process().getOutputStream();
            send(commands, "sum");
            assertEquals(21.0, Double.parseDouble(child.awaitLine("sum", Duration.ofMinutes(1))),
                    "the child retrieved the parent's matrix by name");

            Variable listed = namespace.list().stream().filter(v -> v.name().equals("fromChild")).findFirst()
                    .orElseThrow();
            assertEquals(child.pid(), listed.owner().pid());
            var taken = assertThrows(StorageException.class, () -> namespace.register("fromChild", new int[] {1}));
            assertTrue(taken.getMessage().contains("by process " + child.pid()), taken.getMessage());
            var notOwner = assertThrows(StorageException.class, () -> namespace.release("fromChild"));
            assertTrue(notOwner.getMessage().contains("only its owner can release it"), notOwner.getMessage());

            SharedIntArray fromChild = (SharedIntArray) namespace.retrieve("fromChild");
            assertEquals(999, fromChild.get(999));
            send(commands, "release");
            child.awaitLine("released", Duration.ofMinutes(1));
            assertEquals(998, fromChild.get(998), "released by its owner, still readable through an open view");
            var gone = assertThrows(StorageException.class, () -> namespace.retrieve("fromChild"));
            assertTrue(gone.getMessage().contains("no variable 'fromChild'"), gone.getMessage());
            namespace.releaseView(fromChild);

            send(commands, "exit");
            child.awaitSuccess(Duration.ofMinutes(1));
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void variablesOfAKilledOwnerAreGoneAndSwept() throws Exception {
        Path childRun;
        try (ChildJvm child = ChildJvm.start(NamespaceChild.class, List.of("-Xmx64m"), namespace.name())) {
            child.awaitLine("registered", Duration.ofMinutes(1));
            ProcessIdentity identity = ProcessIdentity.of(child.process().toHandle()).orElseThrow();
            childRun = SegmentStore.shared().context().shmRoot().resolve(RunDirectory.runId(identity));
            assertTrue(Files.exists(childRun.resolve("namespaces").resolve(namespace.name())
                    .resolve("fromChild.var")), "the entry lives in the owner's run directory");
            child.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        var error = assertThrows(StorageException.class, () -> namespace.retrieve("fromChild"));
        assertTrue(error.getMessage().contains("which is gone"), error.getMessage());
        List<SegmentSweeper.Removed> removed = SegmentSweeper.sweep(SegmentStore.shared().context());
        assertTrue(removed.stream().anyMatch(r -> r.directory().equals(childRun)), removed.toString());
        assertFalse(Files.exists(childRun));
        namespace.register("fromChild", new int[] {7});
        assertArrayEquals(new int[] {7}, ((SharedIntArray) namespace.retrieve("fromChild")).toArray(),
                "the name is free again");
    }

    private static Path dataPath(SharedView view) {
        return view.sharedInfo().path();
    }

    private static void send(OutputStream commands, String command) throws Exception {
        commands.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        commands.flush();
    }

    @AfterAll
    static void nothingOfOursIsLeft() throws Exception {
        SharedStorageChecks.assertNoSharedFilesLeft("shared-", "table-");
        Path namespaces = SegmentStore.shared().runDirectory(dev.shard.storage.segment.Backing.SHM).resolve("namespaces");
        if (Files.isDirectory(namespaces)) {
            try (var files = Files.walk(namespaces)) {
                assertEquals(List.of(), files.filter(Files::isRegularFile).toList(), "namespace entries left behind");
            }
        }
    }
}
