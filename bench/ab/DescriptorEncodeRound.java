import dev.shard.examples.tiny.TinyTaskKernel;
import dev.shard.examples.tiny.TinyTasksBuffer;
import dev.shard.runtime.api.RunOptions;
import dev.shard.runtime.task.RunDescriptor;
import dev.shard.runtime.task.Shards;
import java.io.Serializable;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;

/**
 * What encoding a tiny-task run's descriptor costs the driver, run by the JDK's source launcher
 * against the jar under test ({@code java -cp <jar> bench/ab/DescriptorEncodeRound.java [calls]}),
 * so one program measures every build: in a fresh JVM, the 1st, 2nd and 10th encodes (a pool's
 * first runs) and the median of the last half of {@code calls} (a warm driver), in µs, and the
 * frame's bytes. The protocol's codec is reached by reflection: it is not exported.
 */
public final class DescriptorEncodeRound {
    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Method encode = Class.forName("dev.shard.runtime.protocol.ValueCodec").getMethod("encode", Serializable.class);
        try (TinyTasksBuffer buffer = TinyTasksBuffer.create(10_000)) {
            RunOptions options = RunOptions.none().withOutput(TinyTaskKernel.VALUES, buffer.reference());
            long[] nanos = new long[calls];
            int bytes = 0;
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                RunDescriptor descriptor = new RunDescriptor(new TinyTaskKernel(0, 0), Shards.contiguous(10_000, 1),
                        options.inputs(), options.outputs(), options.seed());
                bytes = ((byte[]) encode.invoke(null, descriptor)).length;
                nanos[i] = System.nanoTime() - start;
            }
            long[] lastHalf = Arrays.copyOfRange(nanos, calls / 2, calls);
            Arrays.sort(lastHalf);
            System.out.printf(Locale.ROOT, "first_us=%.1f second_us=%.1f tenth_us=%.1f warm_median_us=%.2f bytes=%d%n",
                    nanos[0] / 1e3, nanos[1] / 1e3, nanos[9] / 1e3, lastHalf[lastHalf.length / 2] / 1e3, bytes);
        }
        System.exit(0);
    }
}
