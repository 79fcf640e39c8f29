package dev.shard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.physical.SinkExec;
import dev.shard.planner.type.Schema;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator-memory benchmark reads what it compares from a real run: the collect case's one
 * stage declares the collect sink's amplification, and a worker's private memory grows by at
 * least the shard while it sorts one. Growth is asserted on the sort, not the collect: the collect
 * sink writes a 65,536-row slice at a time, so its shard can land in heap pages that the warm-up
 * run already touched and show no growth at all (measured 0 to 0.5 MiB), while a sort must hold
 * its whole shard at once. The sorted shard is 16 MiB because a smaller one also fits in what the
 * warm-up left touched (a 4 MiB one grew 52 KiB once).
 */
@Timeout(300)
class OperatorMemoryTest {
    @TempDir
    Path directory;

    @Test
    void theCollectCaseDeclaresItsSinksAmplification() {
        OperatorMemory.StageMeasure stage = onlyStage(measure("collect", 1L << 16));
        assertEquals(16L << 16, stage.shardBytes(), "65,536 rows of a long and a double");
        double declared = new SinkExec.CollectRowsExec(new Schema(List.of())).cost().amplification();
        assertEquals(declared, stage.declared(), 0.01, "CollectRowsExec's declared amplification");
        assertTrue(stage.peakBytes() > 0, "the worker's peak was sampled: " + stage);
    }

    @Test
    void aSortingWorkerGrowsByAtLeastItsShard() {
        OperatorMemory.StageMeasure stage = onlyStage(measure("sort", 1L << 20));
        assertEquals(16L << 20, stage.shardBytes(), "1,048,576 rows of a long and a double");
        assertTrue(stage.growthBytes() >= stage.shardBytes(), "the worker holds the shard's rows: " + stage);
    }

    private List<OperatorMemory.StageMeasure> measure(String caseName, long shardRows) {
        OperatorMemoryCases.Case memoryCase = OperatorMemoryCases.all().stream()
                .filter(candidate -> candidate.name().startsWith(caseName)).findFirst().orElseThrow();
        return OperatorMemory.measure(memoryCase, shardRows, 1, directory);
    }

    private static OperatorMemory.StageMeasure onlyStage(List<OperatorMemory.StageMeasure> stages) {
        assertEquals(1, stages.size(), stages.toString());
        return stages.getFirst();
    }
}
