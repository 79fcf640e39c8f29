package dev.shard.runtime.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A table of requests and the exact choices, arithmetic and messages they give. */
class ShardTunerTest {
    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;
    static final long BLOCK = TuneRequest.ENGINE_BLOCK_ROWS;
    /** Pinned like the golden files: two workers of 42 MiB, 92 µs per dispatch. */
    static final MachineProfile MACHINE = new MachineProfile(2, 42 * MIB, 92_000);
    static final long W2_ROWS = 20_000_000;

    static TuneRequest request(long rows, long budget, long shared, double amplification, double nanosPerRow,
            long pinned) {
        return new TuneRequest(new DataShape(rows, 16), MACHINE, budget, shared, amplification, nanosPerRow, pinned,
                BLOCK);
    }

    record Row(TuneRequest request, long rowsPerShard, int shards, BindingConstraint binding, String arithmetic) {
    }

    static final List<Row> TABLE = List.of(
            new Row(request(W2_ROWS, 4 * GIB, 305 * MIB, 3.1, 2.0, 0), 2_555_904, 8, BindingConstraint.BALANCE,
                    "shard rows 2.555904M ← balance: 20M rows / (2 workers × 4 shards/worker), rounded up to whole"
                            + " 65.536K-row blocks; memory ceiling 20.054016M; overhead floor 2.359296M"),
            new Row(request(W2_ROWS, 1 * GIB, 305 * MIB, 20, 2.0, 0), 983_040, 21, BindingConstraint.MEMORY,
                    "shard rows 983.04K ← memory: (1.0 GiB − 305 MiB shared − 2 × 42 MiB JVM) / 2 workers / 20×"
                            + " amplification / 16 B/row; overhead floor 2.359296M (not met); balance ≥ 4 shards/worker"),
            // The 9.24M floor alone would cut 9.24M, 9.24M and 1.5M rows: raised to 2 even shards.
            new Row(request(W2_ROWS, 4 * GIB, 305 * MIB, 3.1, 0.5, 0), 10_027_008, 2, BindingConstraint.OVERHEAD,
                    "shard rows 10.027008M ← overhead: 50 × 92 µs dispatch / 0.5 ns/row = 9.240576M, raised to 2 even"
                            + " shards (1 per worker) of 20M rows; memory ceiling 20.054016M; balance ≥ 4 shards/worker"),
            new Row(request(W2_ROWS, 4 * GIB, 305 * MIB, 3.1, 2.0, 100_000), 131_072, 153, BindingConstraint.PINNED,
                    "shard rows 131.072K ← pinned: 100,000 set by the user, rounded up to a multiple of the 65.536K-row"
                            + " block; memory ceiling 20.054016M; overhead floor 2.359296M; balance ≥ 4 shards/worker"),
            new Row(request(W2_ROWS, 4 * GIB, 305 * MIB, 3.1, 2.0, 4 * MIB), 4 * MIB, 5, BindingConstraint.PINNED,
                    "shard rows 4.194304M ← pinned: set by the user; memory ceiling 20.054016M; overhead floor 2.359296M;"
                            + " balance ≥ 4 shards/worker"),
            new Row(request(1_000, 4 * GIB, 0, 3.1, 2.0, 0), 1_000, 1, BindingConstraint.BALANCE,
                    "shard rows 1K ← balance: the whole input (1K rows) is smaller than one 65.536K-row block;"
                            + " memory ceiling 1K; overhead floor 2.359296M"),
            new Row(request(W2_ROWS, 1 * GIB, 305 * MIB, 0, 2.0, 0), 2_555_904, 8, BindingConstraint.BALANCE,
                    "shard rows 2.555904M ← balance: 20M rows / (2 workers × 4 shards/worker), rounded up to whole"
                            + " 65.536K-row blocks; memory ceiling unlimited; overhead floor 2.359296M"),
            new Row(request(300_000, 4 * GIB, 0, 1, 2000.0, 0), BLOCK, 5, BindingConstraint.BALANCE,
                    "shard rows 65.536K ← balance: 300K rows / (2 workers × 4 shards/worker), at least one 65.536K-row"
                            + " block; memory ceiling 327.68K; overhead floor 65.536K"));

    @Test
    void theTableOfRequestsGivesExactChoices() {
        for (Row row : TABLE) {
            ShardChoice choice = ShardTuner.choose(row.request());
            assertEquals(row.arithmetic(), choice.arithmetic());
            assertEquals(row.rowsPerShard(), choice.rowsPerShard(), row.arithmetic());
            assertEquals(row.shards(), choice.shards(), row.arithmetic());
            assertEquals(row.binding(), choice.binding(), row.arithmetic());
        }
    }

    @Test
    void thePeakIsTheBasePlusOneShardsWorkingSet() {
        ShardChoice choice = ShardTuner.choose(request(W2_ROWS, 4 * GIB, 305 * MIB, 3.1, 2.0, 0));
        assertEquals(42 * MIB + (long) Math.ceil(2_555_904 * 16 * 3.1), choice.estimatedPeakPrivateBytesPerWorker());
    }

    @Test
    void aBudgetBelowTheSharedDataAndTheJvmsIsRefusedWithTheSmallestThatWorks() {
        InfeasibleBudgetException error = assertThrows(InfeasibleBudgetException.class,
                () -> ShardTuner.choose(request(W2_ROWS, 1 * GIB, 1229 * MIB, 3.1, 2.0, 0)));
        assertEquals("memory budget 1.0 GiB cannot hold 1.2 GiB of shared data plus 2 × 42 MiB of worker JVMs:"
                + " use at least 1.3 GiB (--memory-budget)", error.getMessage());
        long smallest = 1229 * MIB + 2 * (42 * MIB + (long) Math.ceil(BLOCK * 16 * 3.1));
        assertEquals(smallest, error.smallestFeasibleBudgetBytes());
        assertEquals(1 * GIB, error.memoryBudgetBytes());
    }

    @Test
    void figuresThatRoundAlikeGetMoreDecimals() {
        InfeasibleBudgetException error = assertThrows(InfeasibleBudgetException.class,
                () -> ShardTuner.choose(request(W2_ROWS, 1300 * MIB, 1229 * MIB, 3.1, 2.0, 0)));
        assertEquals("memory budget 1.27 GiB cannot hold 1.2 GiB of shared data plus 2 × 42 MiB of worker JVMs:"
                + " use at least 1.29 GiB (--memory-budget)", error.getMessage());
    }

    @Test
    void aBudgetWithoutRoomForOneBlockPerWorkerIsRefused() {
        InfeasibleBudgetException error = assertThrows(InfeasibleBudgetException.class,
                () -> ShardTuner.choose(request(W2_ROWS, 400 * MIB, 305 * MIB, 20, 2.0, 0)));
        assertEquals("memory budget 400 MiB leaves 5.5 MiB per worker after 305 MiB of shared data and 2 × 42 MiB"
                + " of worker JVMs, but a shard of 65.536K rows needs 20 MiB (65.536K rows × 16 B/row × 20× amplification):"
                + " use at least 429 MiB (--memory-budget)", error.getMessage());
    }

    @Test
    void aPinnedSizeThatDoesNotFitIsRefusedNotShrunk() {
        InfeasibleBudgetException error = assertThrows(InfeasibleBudgetException.class,
                () -> ShardTuner.choose(request(W2_ROWS, 1 * GIB, 300 * MIB, 3.1, 2.0, 64 * MIB)));
        assertEquals("memory budget 1.0 GiB leaves 320 MiB per worker after 300 MiB of shared data and 2 × 42 MiB"
                + " of worker JVMs, but the pinned shard of 20M rows needs 946 MiB (20M rows × 16 B/row × 3.1×"
                + " amplification): use at least 2.3 GiB (--memory-budget) or pin fewer rows per shard",
                error.getMessage());
    }

    @Test
    void aBudgetExactlyAtTheLimitWorksAndOneByteLessDoesNot() {
        long smallest = assertThrows(InfeasibleBudgetException.class,
                () -> ShardTuner.choose(request(W2_ROWS, 400 * MIB, 305 * MIB, 20, 2.0, 0)))
                .smallestFeasibleBudgetBytes();
        ShardChoice choice = ShardTuner.choose(request(W2_ROWS, smallest, 305 * MIB, 20, 2.0, 0));
        assertEquals(BLOCK, choice.rowsPerShard());
        assertEquals(BindingConstraint.MEMORY, choice.binding());
        assertEquals(smallest, 305 * MIB + 2 * choice.estimatedPeakPrivateBytesPerWorker());
        assertThrows(InfeasibleBudgetException.class,
                () -> ShardTuner.choose(request(W2_ROWS, smallest - 1, 305 * MIB, 20, 2.0, 0)));
    }

    @Test
    void anEmptyInputIsOneShardSoTheStageStillRuns() {
        ShardChoice choice = ShardTuner.choose(request(0, 4 * GIB, 0, 3.1, 2.0, 0));
        assertEquals(1, choice.rowsPerShard());
        assertEquals(1, choice.shards());
        assertEquals(42 * MIB, choice.estimatedPeakPrivateBytesPerWorker());
        assertTrue(choice.arithmetic().startsWith("shard rows 1 ← balance: empty input"), choice.arithmetic());
    }

    @Test
    void oneRowIsOneShardOfOneRow() {
        ShardChoice choice = ShardTuner.choose(request(1, 4 * GIB, 0, 3.1, 2.0, 0));
        assertEquals(1, choice.rowsPerShard());
        assertEquals(1, choice.shards());
    }

    @Test
    void oneWorkerGetsFourShards() {
        TuneRequest request = new TuneRequest(new DataShape(W2_ROWS, 16), new MachineProfile(1, 42 * MIB, 92_000),
                4 * GIB, 305 * MIB, 3.1, 2.0, 0, BLOCK);
        ShardChoice choice = ShardTuner.choose(request);
        assertEquals(5_046_272, choice.rowsPerShard());
        assertEquals(4, choice.shards());
        assertTrue(choice.arithmetic().contains("(1 worker × 4 shards/worker)"), choice.arithmetic());
    }

    @Test
    void balanceLeavesNoLoneRemainderShardForOneWorker() {
        // 20M rows are 305.2 blocks: shards of 38 blocks made 8 full shards and a ninth of one
        // block, so one worker ran 5 shards while the other idled; 39 blocks make 8 shards.
        ShardChoice choice = ShardTuner.choose(request(W2_ROWS, 4 * GIB, 305 * MIB, 3.1, 2.0, 0));
        assertEquals(8, choice.shards());
        long last = W2_ROWS - (choice.shards() - 1L) * choice.rowsPerShard();
        assertTrue(last > choice.rowsPerShard() / 2, "last shard " + last + " of " + choice.rowsPerShard());
    }

    @Test
    void hugeInputsDoNotOverflow() {
        TuneRequest request = new TuneRequest(new DataShape(Long.MAX_VALUE, 1000), new MachineProfile(3, 42 * MIB,
                92_000), Long.MAX_VALUE, 0, 5, 1, 0, BLOCK);
        ShardChoice choice = ShardTuner.choose(request);
        assertEquals(BindingConstraint.MEMORY, choice.binding());
        assertEquals(0, choice.rowsPerShard() % BLOCK);
        assertTrue(choice.shards() > 0);
        assertTrue(3 * choice.estimatedPeakPrivateBytesPerWorker() > 0);
        assertTrue(choice.estimatedPeakPrivateBytesPerWorker() <= Long.MAX_VALUE / 3);
    }

    @Test
    void aPinnedSizeThatMakesTooManyShardsSaysWhatToPin() {
        TuneRequest request = new TuneRequest(new DataShape(1L << 40, 0), MACHINE, 4 * GIB, 0, 1, 1, 1, 1);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ShardTuner.choose(request));
        assertEquals("shard rows 1 over 1,099,511,627,776 rows make more than 2^31 shards: pin at least 513 rows"
                + " per shard", error.getMessage());
    }

    @Test
    void theDefaultProfileUsesTheMeasuredFigures() {
        MachineProfile profile = MachineProfile.ofThisMachine();
        assertEquals(Runtime.getRuntime().availableProcessors(), profile.workers());
        assertEquals(MachineProfile.MEASURED_WORKER_BASE_PRIVATE_BYTES, profile.workerBasePrivateBytes());
        assertEquals(92_000, profile.dispatchOverheadNanos());
    }

    @Test
    void bindingConstraintsHaveLowerCaseNames() {
        assertEquals(List.of("memory", "overhead", "balance", "pinned"),
                java.util.Arrays.stream(BindingConstraint.values()).map(BindingConstraint::displayName).toList());
    }
}
