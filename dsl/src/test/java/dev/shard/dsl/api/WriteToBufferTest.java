package dev.shard.dsl.api;

import static dev.shard.dsl.api.Functions.col;
import static dev.shard.dsl.api.Functions.count;
import static dev.shard.dsl.api.Functions.random;
import static dev.shard.dsl.api.Functions.randomInt;
import static dev.shard.dsl.api.Functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.PlanException;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.storage.buffer.BufferSpec;
import dev.shard.storage.buffer.OutputBuffer;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.SegmentStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A query's result written into a shared output buffer from the fluent API, on real workers. */
@Timeout(300)
class WriteToBufferTest {
    @AfterEach
    void nothingLeftShared() {
        assertEquals(List.of(), SegmentStore.shared().owned(), "segments left open");
    }

    private static Dataset grouped(Session session) {
        return session.generate(200_000, col("key", randomInt(100, 1)), col("value", random(2)))
                .groupBy("key").aggregate(count("n"), sum("value").as("total")).sort("key");
    }

    @Test
    void anAggregateFillsAMatrixBufferWithTheValuesTheTableHas() {
        try (Session session = Shard.local().workers(2).open();
                OutputBuffer buffer = OutputBuffer.create(BufferSpec.matrix(ElementType.DOUBLE, 100, 3))) {
            ColumnTable expected = grouped(session).execute().table();
            grouped(session).writeTo("groups", buffer);
            for (int row = 0; row < 100; row++) {
                List<Object> values = expected.row(row);
                assertEquals(((Long) values.get(0)).doubleValue(), buffer.getDouble(row), "key of row " + row);
                assertEquals(((Long) values.get(1)).doubleValue(), buffer.getDouble(100 + row), "n of row " + row);
                assertEquals((double) values.get(2), buffer.getDouble(200 + row), "total of row " + row);
            }
        }
    }

    @Test
    void aBufferOfTheWrongShapeIsRefusedSayingWhatItShouldBe() {
        try (Session session = Shard.local().workers(1).open();
                OutputBuffer buffer = OutputBuffer.create(BufferSpec.vector(ElementType.DOUBLE, 100))) {
            PlanException refused = assertThrows(PlanException.class, () -> grouped(session).writeTo("groups", buffer));
            assertTrue(refused.getMessage().contains("the result has 100 rows × 3 columns but output buffer groups is"
                    + " [100]"), refused.getMessage());
        }
    }
}
