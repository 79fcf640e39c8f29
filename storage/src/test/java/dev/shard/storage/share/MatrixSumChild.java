package dev.shard.storage.share;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Child JVM of {@link CrossProcessZeroCopyTest}: opens a shared matrix by its encoded
 * handle, prints "mapped", waits for "sum" on stdin, sums every element, prints
 * "summed <value>", then waits for "exit" so the parent can read its memory.
 */
public final class MatrixSumChild {
    private MatrixSumChild() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in));
        try (SharedMatrix matrix = SharedHandle.decode(args[0]).openMatrix()) {
            System.out.println("mapped " + matrix.rows() + " x " + matrix.columns());
            expect(commands, "sum");
            double total = 0;
            for (long column = 0; column < matrix.columns(); column++) {
                total += sumColumn(matrix.column(column));
            }
            System.out.println("summed " + total);
            expect(commands, "exit");
        }
        System.exit(0);
    }

    private static double sumColumn(MemorySegment column) {
        long count = column.byteSize() / Double.BYTES;
        double first = 0;
        double second = 0;
        long i = 0;
        for (; i + 1 < count; i += 2) {
            first += column.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
            second += column.getAtIndex(ValueLayout.JAVA_DOUBLE, i + 1);
        }
        for (; i < count; i++) {
            first += column.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
        }
        return first + second;
    }

    private static void expect(BufferedReader commands, String command) throws Exception {
        String line = commands.readLine();
        if (!command.equals(line)) {
            throw new IllegalStateException("expected '" + command + "' on stdin, got '" + line + "'");
        }
    }
}
