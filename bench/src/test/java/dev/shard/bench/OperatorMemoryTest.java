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
 * stage declares the collect sink's amplification, and the worker's private memory grows while
 * it holds a 1 MiB shard of rows.
 */
@Timeout(300)
class OperatorMemoryTest {
    @TempDir
    Path directory;

    @Test
    void theCollectCaseDeclaresItsSinksAmplificationAndGrows() {
        OperatorMemoryCases.Case collect = OperatorMemoryCases.all().stream()
                .filter(memoryCase -> memoryCase.name().startsWith("collect")).findFirst().orElseThrow();
        List<OperatorMemory.StageMeasure> stages = OperatorMemory.measure(collect, 1L << 16, 1, directory);
        assertEquals(1, stages.size(), stages.toString());
        OperatorMemory.StageMeasure stage = stages.getFirst();
        assertEquals(16L << 16, stage.shardBytes(), "65,536 rows of a long and a double");
        double declared = new SinkExec.CollectRowsExec(new Schema(List.of())).cost().amplification();
        assertEquals(declared, stage.declared(), 0.01, "CollectRowsExec's declared amplification");
        assertTrue(stage.growthBytes() > 0, "the worker holds the shard's rows: " + stage);
    }
}
