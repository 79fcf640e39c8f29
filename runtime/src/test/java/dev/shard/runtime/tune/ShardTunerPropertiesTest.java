package dev.shard.runtime.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Properties that hold for every request the tuner accepts, checked over random requests. */
class ShardTunerPropertiesTest {
    private static final int REQUESTS = 20_000;

    @Test
    void everyChoiceKeepsTheBudgetTheBlockAndThePin() {
        SplittableRandom random = new SplittableRandom(20261201);
        int accepted = 0;
        for (int i = 0; i < REQUESTS; i++) {
            TuneRequest request = randomRequest(random);
            ShardChoice choice;
            try {
                choice = ShardTuner.choose(request);
            } catch (InfeasibleBudgetException refused) {
                assertTrue(refused.smallestFeasibleBudgetBytes() > request.memoryBudgetBytes(), refused.getMessage());
                TuneRequest enough = withBudget(request, refused.smallestFeasibleBudgetBytes());
                ShardTuner.choose(enough);
                continue;
            }
            accepted++;
            String context = request + " → " + choice;
            long rows = request.shape().rows();
            MachineProfile machine = request.machine();
            long share = (request.memoryBudgetBytes() - request.sharedBytes()
                    - machine.workers() * machine.workerBasePrivateBytes()) / machine.workers();
            long working = ShardTuner.workingBytes(request, Math.min(choice.rowsPerShard(), rows));
            assertTrue(working <= share, "above the budget's share: " + context);
            assertEquals(machine.workerBasePrivateBytes() + working, choice.estimatedPeakPrivateBytesPerWorker(),
                    context);
            assertTrue(choice.shards() >= 1, context);
            assertTrue((long) choice.shards() * choice.rowsPerShard() >= rows, "rows left out: " + context);
            assertTrue(rows == 0 || (long) (choice.shards() - 1) * choice.rowsPerShard() < rows,
                    "an empty shard: " + context);
            boolean smallInput = !request.pinned() && rows < request.blockRows();
            assertTrue(smallInput || choice.rowsPerShard() % request.blockRows() == 0, "off the block: " + context);
            if (request.pinned()) {
                assertEquals(BindingConstraint.PINNED, choice.binding(), context);
                assertEquals(Math.ceilDiv(request.pinnedRowsPerShard(), request.blockRows()) * request.blockRows(),
                        choice.rowsPerShard(), context);
            }
            assertTrue(choice.arithmetic().startsWith("shard rows " + HumanUnits.rows(choice.rowsPerShard()) + " ← "
                    + choice.binding().displayName() + ": "), context);
        }
        assertTrue(accepted > REQUESTS / 4, "too few feasible requests to mean anything: " + accepted);
    }

    @Test
    void balanceMakesFourShardsPerWorkerExactlyWhenEachHoldsManyBlocks() {
        SplittableRandom random = new SplittableRandom(20261202);
        for (int i = 0; i < REQUESTS; i++) {
            int workers = random.nextInt(1, 65);
            long block = random.nextBoolean() ? TuneRequest.ENGINE_BLOCK_ROWS : random.nextLong(1, 5_000);
            long rows = random.nextLong(0, 1L << 42);
            long size = ShardTuner.balanceRows(rows, workers, block);
            long shards = Math.max(1, Math.ceilDiv(rows, size));
            String context = rows + " rows, " + workers + " workers, block " + block + " → " + size + " × " + shards;
            assertEquals(0, size % block, context);
            assertTrue(shards <= (long) workers * ShardTuner.SHARDS_PER_WORKER || size == block, context);
            // With a share of at least 4 × workers blocks, rounding up to a block costs less
            // than one shard, so the count is exactly workers × 4: a multiple of the workers.
            long perWorkerShards = (long) workers * ShardTuner.SHARDS_PER_WORKER;
            if (rows > perWorkerShards * perWorkerShards * block) {
                assertEquals(perWorkerShards, shards, context);
            }
        }
    }

    private static TuneRequest randomRequest(SplittableRandom random) {
        long rows = switch (random.nextInt(4)) {
            case 0 -> random.nextLong(0, 10);
            case 1 -> random.nextLong(0, 200_000);
            case 2 -> random.nextLong(0, 100_000_000);
            default -> random.nextLong(0, 1L << 40);
        };
        long block = random.nextBoolean() ? TuneRequest.ENGINE_BLOCK_ROWS : random.nextLong(1, 5_000);
        MachineProfile machine = new MachineProfile(random.nextInt(1, 9), random.nextLong(0, 100L << 20),
                random.nextLong(0, 1_000_000));
        long budget = random.nextLong(1, 1L << random.nextInt(20, 44));
        long shared = random.nextLong(0, budget);
        double amplification = random.nextInt(5) == 0 ? 0 : random.nextDouble(0.1, 10);
        long pinned = random.nextInt(3) == 0 ? random.nextLong(1, 10_000_000) : 0;
        return new TuneRequest(new DataShape(rows, random.nextLong(0, 200)), machine, budget, shared, amplification,
                random.nextDouble(0.1, 100), pinned, block);
    }

    private static TuneRequest withBudget(TuneRequest request, long budget) {
        return new TuneRequest(request.shape(), request.machine(), budget, request.sharedBytes(),
                request.amplification(), request.nanosPerRow(), request.pinnedRowsPerShard(), request.blockRows());
    }
}
