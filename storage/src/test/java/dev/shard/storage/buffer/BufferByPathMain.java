package dev.shard.storage.buffer;

import dev.shard.storage.layout.ElementType;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Child process of {@link BufferByPathTest}: opens an output buffer by path with the
 * type and dims given on the command line (the seed's {@code buffer_open}). On success
 * it prints the sum of the whole buffer, then writes {@code value} over
 * [{@code start}, {@code start + count}); on a mismatch it prints the error message.
 */
public final class BufferByPathMain {
    private BufferByPathMain() {
    }

    public static void main(String[] args) {
        Path path = Path.of(args[0]);
        ElementType type = ElementType.valueOf(args[1]);
        long[] dims = Arrays.stream(args[2].split(",")).mapToLong(Long::parseLong).toArray();
        try (OutputBuffer buffer = OutputBuffer.open(path, type, dims)) {
            double sum = 0;
            for (double value : buffer.readDoubles(BufferSlice.all())) {
                sum += value;
            }
            System.out.println("sum " + sum);
            int start = Integer.parseInt(args[3]);
            int count = Integer.parseInt(args[4]);
            double[] values = new double[count];
            Arrays.fill(values, Double.parseDouble(args[5]));
            buffer.write(start, values);
            System.out.println("wrote " + buffer.counters().bytesWritten());
        } catch (BufferMismatchException e) {
            System.out.println("error " + e.getMessage());
        }
        System.exit(0);
    }
}
