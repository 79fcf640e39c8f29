package dev.shard.dsl.api;

import static dev.shard.dsl.api.Functions.col;
import static dev.shard.dsl.api.Functions.row;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A session's workers run with their heap bounded by the session's budget: a kernel that
 * holds more than its worker's slice fails the query, on real workers, with the heap it had,
 * the budget it came from and how to fix it, instead of growing the worker past its slice.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WorkerHeapTest {
    @Test
    void aWorkerOutOfHeapFailsTheQueryWithItsBudgetAndTheFix() {
        try (Session session = Shard.local().workers(1).memoryBudget("320MiB").open()) {
            Dataset query = session.generate(65_536, col("id", row()))
                    .mapKernel(HeapHungryKernel.class, Map.<String, Serializable>of("bytes", 512L << 20));
            RuntimeException failed = assertThrows(RuntimeException.class, query::execute);
            StringBuilder messages = new StringBuilder();
            for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
                messages.append(cause.getMessage()).append('\n');
            }
            String text = messages.toString();
            assertTrue(text.contains("shard 0 failed after"), text);
            assertTrue(text.contains("Java heap exhausted (OutOfMemoryError, exit 3): the worker's maximum heap is"
                    + " 224 MiB (-Xmx, a worker's slice of the session's memory budget of 320 MiB over 1 worker, less"
                    + " 96 MiB outside the heap): raise the memory budget, or give the stage smaller shards"), text);
        }
    }
}
