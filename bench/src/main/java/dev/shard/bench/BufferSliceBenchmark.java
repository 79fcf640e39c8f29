package dev.shard.bench;

import dev.shard.storage.buffer.BufferSlice;
import dev.shard.storage.buffer.BufferSpec;
import dev.shard.storage.buffer.OutputBuffer;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.Backing;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Output buffer slices: a column of 1 Mi doubles (8 MiB) written and read as one bulk
 * copy, against the same column written element by element with {@code setDouble}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"})
public class BufferSliceBenchmark {
    private static final int ROWS = 1 << 20;
    private static final int COLUMNS = 4;

    private OutputBuffer buffer;
    private double[] column;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        buffer = OutputBuffer.create(BufferSpec.matrix(ElementType.DOUBLE, ROWS, COLUMNS).withBacking(Backing.SHM));
        column = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            column[i] = i * 0.5;
        }
        for (int j = 0; j < COLUMNS; j++) {
            buffer.writeColumn(j, column);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        buffer.close();
    }

    @Benchmark
    public void writeColumnBulk() {
        buffer.writeColumn(nextColumn(), column);
    }

    @Benchmark
    public void writeColumnElementByElement() {
        long base = (long) nextColumn() * ROWS;
        for (int i = 0; i < ROWS; i++) {
            buffer.setDouble(base + i, column[i]);
        }
    }

    @Benchmark
    public double[] readColumnBulk() {
        return buffer.readDoubles(BufferSlice.column(nextColumn()));
    }

    private int nextColumn() {
        next = (next + 1) % COLUMNS;
        return next;
    }
}
