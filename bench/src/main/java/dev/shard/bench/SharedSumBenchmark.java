package dev.shard.bench;

import dev.shard.storage.segment.Access;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.Segment;
import dev.shard.storage.segment.SegmentStore;
import dev.shard.storage.segment.StorageContext;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sequential sum of N doubles: over a shared segment mapped read-only the way a
 * borrowing worker maps it, against a heap {@code double[]} holding the same values.
 *
 * <p>Both loops use the same four independent accumulators: HotSpot does not vectorise
 * floating-point reductions, so a single accumulator measures the add latency chain,
 * not memory. Bounds and liveness checks stay on (the FFM API has no unchecked mode).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"})
public class SharedSumBenchmark {
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE;
    private static final ValueLayout.OfDouble UNALIGNED = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    @Param({"64", "512"})
    public int mebibytes;

    private double[] heap;
    private Segment owner;
    private Segment borrowed;
    private MemorySegment shared;

    @Setup(Level.Trial)
    public void setUp() {
        int count = (int) (((long) mebibytes << 20) / Double.BYTES);
        heap = new double[count];
        for (int i = 0; i < count; i++) {
            heap[i] = (i % 1000) * 0.25;
        }
        owner = SegmentStore.shared().create("shared-sum-" + mebibytes, (long) count * Double.BYTES, Backing.SHM);
        MemorySegment.copy(heap, 0, owner.memory(), DOUBLE, 0, count);
        // A second store maps the file anew, read-only, as a worker process would.
        SegmentStore borrower = new SegmentStore(StorageContext.fromEnvironment());
        borrowed = borrower.open(owner.path(), Access.READ_ONLY);
        shared = borrowed.memory();
        double expected = heapSum();
        if (sharedSum() != expected || sharedSumByteOffsetAligned() != expected
                || sharedSumByteOffsetUnaligned() != expected) {
            throw new IllegalStateException("the shared and heap sums differ: the benchmark is broken");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        borrowed.close();
        owner.close();
    }

    /** Element i read as {@code getAtIndex(JAVA_DOUBLE, i)}: the plain way to read a shared double array. */
    @Benchmark
    public double sharedSum() {
        MemorySegment memory = shared;
        long count = memory.byteSize() / Double.BYTES;
        double sum0 = 0;
        double sum1 = 0;
        double sum2 = 0;
        double sum3 = 0;
        for (long i = 0; i < count; i += 4) {
            sum0 += memory.getAtIndex(DOUBLE, i);
            sum1 += memory.getAtIndex(DOUBLE, i + 1);
            sum2 += memory.getAtIndex(DOUBLE, i + 2);
            sum3 += memory.getAtIndex(DOUBLE, i + 3);
        }
        return (sum0 + sum1) + (sum2 + sum3);
    }

    /** Byte offsets with the aligned layout: compare with {@link #sharedSum()}. */
    @Benchmark
    public double sharedSumByteOffsetAligned() {
        MemorySegment memory = shared;
        long end = memory.byteSize();
        double sum0 = 0;
        double sum1 = 0;
        double sum2 = 0;
        double sum3 = 0;
        for (long offset = 0; offset < end; offset += 4 * Double.BYTES) {
            sum0 += memory.get(DOUBLE, offset);
            sum1 += memory.get(DOUBLE, offset + Double.BYTES);
            sum2 += memory.get(DOUBLE, offset + 2 * Double.BYTES);
            sum3 += memory.get(DOUBLE, offset + 3 * Double.BYTES);
        }
        return (sum0 + sum1) + (sum2 + sum3);
    }

    /** Byte offsets with the unaligned layout (no alignment check). */
    @Benchmark
    public double sharedSumByteOffsetUnaligned() {
        MemorySegment memory = shared;
        long end = memory.byteSize();
        double sum0 = 0;
        double sum1 = 0;
        double sum2 = 0;
        double sum3 = 0;
        for (long offset = 0; offset < end; offset += 4 * Double.BYTES) {
            sum0 += memory.get(UNALIGNED, offset);
            sum1 += memory.get(UNALIGNED, offset + Double.BYTES);
            sum2 += memory.get(UNALIGNED, offset + 2 * Double.BYTES);
            sum3 += memory.get(UNALIGNED, offset + 3 * Double.BYTES);
        }
        return (sum0 + sum1) + (sum2 + sum3);
    }

    @Benchmark
    public double heapSum() {
        double[] values = heap;
        double sum0 = 0;
        double sum1 = 0;
        double sum2 = 0;
        double sum3 = 0;
        for (int i = 0; i < values.length; i += 4) {
            sum0 += values[i];
            sum1 += values[i + 1];
            sum2 += values[i + 2];
            sum3 += values[i + 3];
        }
        return (sum0 + sum1) + (sum2 + sum3);
    }
}
