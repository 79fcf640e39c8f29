package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerHeapOptionsTest {
    @Test
    void theBoundBecomesXmxInWholeMebibytes() {
        assertEquals(List.of("-Xmx352m"), WorkerHeapOptions.options(WorkerHeapOptions.effectiveBound((352L << 20) + 5,
                List.of(), Map.of())));
        assertEquals(List.of(), WorkerHeapOptions.options(WorkerHeapOptions.effectiveBound(0, List.of(), Map.of())));
    }

    @Test
    void aBoundedHeapStartsAtItsYoungGenerationAndEightMebibytes() {
        assertEquals(List.of("-Xms40m"), WorkerHeapOptions.initialOptions(352L << 20, List.of(), Map.of()),
                "a 32 MiB young generation and an 8 MiB old one");
        assertEquals(List.of("-Xms13m"), WorkerHeapOptions.initialOptions(40L << 20, List.of(), Map.of()));
        assertEquals(List.of(), WorkerHeapOptions.initialOptions(0, List.of(), Map.of()), "no bound, no initial heap");
        assertEquals(List.of(), WorkerHeapOptions.initialOptions(352L << 20, List.of("-Xms300m"), Map.of()));
        assertEquals(List.of(), WorkerHeapOptions.initialOptions(352L << 20, List.of("-Xmn64m"), Map.of()),
                "a young generation the user chose is not squeezed into our initial heap");
        assertEquals(List.of(), WorkerHeapOptions.initialOptions(352L << 20, List.of(),
                Map.of("JAVA_TOOL_OPTIONS", "-XX:InitialHeapSize=300m")));
    }

    @Test
    void aMaximumHeapTheUserSetWinsWhereverItWasSet() {
        assertEquals(0, WorkerHeapOptions.effectiveBound(100L << 20, List.of("-Xmx2g"), Map.of()));
        assertEquals(0, WorkerHeapOptions.effectiveBound(100L << 20, List.of("-XX:MaxRAMPercentage=50"), Map.of()));
        assertEquals(0, WorkerHeapOptions.effectiveBound(100L << 20, List.of(),
                Map.of("JAVA_TOOL_OPTIONS", "-Dx=y -Xmx280m")));
        assertEquals(0, WorkerHeapOptions.effectiveBound(100L << 20, List.of(), Map.of("JDK_JAVA_OPTIONS", "-Xmx1g")));
        assertEquals(100L << 20, WorkerHeapOptions.effectiveBound(100L << 20, List.of("-Xmn8m", "-Xms64m"),
                Map.of("JAVA_TOOL_OPTIONS", "-XX:NativeMemoryTracking=summary")));
    }

    @Test
    void aBoundedHeapKeepsItsYoungGenerationSmall() {
        assertEquals(List.of("-Xmn32m"), WorkerLauncher.memoryOptions(0, 352L << 20, List.of()));
        assertEquals(List.of("-Xmn5m"), WorkerLauncher.memoryOptions(0, 40L << 20, List.of()));
        assertEquals(List.of("-Xmn18m"), WorkerLauncher.memoryOptions(300L << 20, 352L << 20, List.of()),
                "the memory limit's smaller young generation");
        assertEquals(List.of("-Xmn64m"), WorkerLauncher.memoryOptions(1L << 30, 0, List.of()),
                "without a bound a large limit sizes it as before");
    }

    @Test
    void heapSizesBelowCompressedPointersLeaveTheCacheKeyAlone() throws IOException {
        assertTrue(WorkerHeapOptions.sizesHeapOnly("-Xmx352m"));
        assertTrue(WorkerHeapOptions.sizesHeapOnly("-Xmn5m"));
        assertTrue(WorkerHeapOptions.sizesHeapOnly("-XX:MaxHeapSize=20g"));
        assertFalse(WorkerHeapOptions.sizesHeapOnly("-Xmx40g"), "compressed pointers go off: the JVM refuses the cache");
        assertFalse(WorkerHeapOptions.sizesHeapOnly("-XX:+UseSerialGC"));
        String classpath = "";
        assertEquals(StartupCacheLocation.key(classpath, List.of("-XX:+UseSerialGC", "-Xmx352m", "-Xmn32m")),
                StartupCacheLocation.key(classpath, List.of("-XX:+UseSerialGC", "-Xmx40m", "-Xmn5m")),
                "pools of other budgets share one cache");
        assertNotEquals(StartupCacheLocation.key(classpath, List.of("-Xmx352m")),
                StartupCacheLocation.key(classpath, List.of("-Xmx40g")));
    }

    @Test
    void anOutOfMemoryExitSaysTheHeapAndTheFix() {
        assertEquals("Java heap exhausted (OutOfMemoryError, exit 3): the worker's maximum heap is 352 MiB (-Xmx, a"
                + " budget): raise the memory budget, or give the stage smaller shards",
                ExitCauses.describe(3, WorkerHeapOptions.outOfMemoryAdvice(352L << 20, "a budget", false)));
        assertEquals("Java heap exhausted (OutOfMemoryError, exit 3): the worker's maximum heap was set in its JVM"
                + " options: raise it", ExitCauses.describe(3, WorkerHeapOptions.outOfMemoryAdvice(0, "", true)));
        assertEquals("killed by SIGKILL (exit 137)", ExitCauses.describe(137, "ignored"));
    }
}
