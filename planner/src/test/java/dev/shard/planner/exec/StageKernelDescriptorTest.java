package dev.shard.planner.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.Column;
import dev.shard.planner.physical.SinkExec.CollectRowsExec;
import dev.shard.planner.physical.SinkExec.PartialAggregateExec;
import dev.shard.planner.physical.SourceExec.ProbeRowsExec;
import dev.shard.planner.physical.StageFragment;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A worker reuses a run's decoded descriptor only when its bytes equal the last run's; a
 * stage that returns partials alone must therefore not carry the per-query stage directory,
 * while a stage that writes files must keep it.
 */
class StageKernelDescriptorTest {
    private static final Schema INPUT = Schema.of(Field.of("k", DataType.INT), Field.of("v", DataType.DOUBLE));
    private static final List<AggregateCall> CALLS = List.of(new AggregateCall("n", AggregateFunction.COUNT, null),
            new AggregateCall("s", AggregateFunction.SUM, new Column("v")));
    private static final ProbeRowsExec SOURCE = new ProbeRowsExec(1_000, 8);

    @Test
    void aStageReturningPartialsEncodesAlikeForEveryQuerysDirectory() throws IOException {
        StageFragment fragment = new StageFragment(SOURCE, List.of(), new PartialAggregateExec(List.of(), CALLS, INPUT));
        StageKernel first = StageKernel.of(fragment, "/dev/shm/shard-stage-1", StageHeapNeed.NONE);
        StageKernel second = StageKernel.of(fragment, "/dev/shm/shard-stage-2", StageHeapNeed.NONE);
        assertNull(first.outputDirectory());
        assertArrayEquals(serialized(first), serialized(second));
    }

    /** The kernel's bytes as the run descriptor carries them (Java serialization). */
    private static byte[] serialized(StageKernel kernel) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(kernel);
        }
        return bytes.toByteArray();
    }

    @Test
    void stagesThatWriteFilesKeepTheirDirectory() {
        StageFragment collect = new StageFragment(SOURCE, List.of(), new CollectRowsExec(INPUT));
        assertEquals("/dev/shm/shard-stage-1", StageKernel.of(collect, "/dev/shm/shard-stage-1", StageHeapNeed.NONE).outputDirectory());
        StageFragment partitioned = new StageFragment(SOURCE, List.of(),
                new PartialAggregateExec(List.of("k"), CALLS, INPUT, 4));
        assertEquals("/dev/shm/shard-stage-1",
                StageKernel.of(partitioned, "/dev/shm/shard-stage-1", StageHeapNeed.NONE).outputDirectory());
    }
}
