package dev.shard.bench;

import dev.shard.examples.tiny.TinyTaskKernel;
import dev.shard.examples.tiny.TinyTasksBuffer;
import dev.shard.runtime.api.Pool;
import dev.shard.runtime.api.Run;
import dev.shard.runtime.api.RunOptions;
import dev.shard.runtime.task.Shards;
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
 * Latency of one {@code shardMap} call carrying a single tiny task on a warm 2-worker
 * pool: the driver-to-worker-and-back cost a user pays per call, sampled so JMH
 * reports percentiles.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ShardMapLatencyBenchmark {
    private Pool pool;
    private TinyTasksBuffer buffer;
    private RunOptions options;
    private Shards oneTask;
    private TinyTaskKernel kernel;

    @Setup(Level.Trial)
    public void startPool() {
        pool = Pool.builder().workers(2).start();
        buffer = TinyTasksBuffer.create(1);
        options = RunOptions.none().withOutput(TinyTaskKernel.VALUES, buffer.reference());
        oneTask = Shards.contiguous(1, 1);
        kernel = new TinyTaskKernel(0, 0);
    }

    @TearDown(Level.Trial)
    public void stopPool() {
        pool.close();
        buffer.close();
    }

    @Benchmark
    public Long oneTaskPerCall() {
        Run<Long> run = pool.shardMap(oneTask, kernel, options);
        return run.results().getFirst();
    }
}
