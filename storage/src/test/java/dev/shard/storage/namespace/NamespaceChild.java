package dev.shard.storage.namespace;

import dev.shard.storage.share.SharedMatrix;
import java.io.BufferedReader;
import java.io.InputStreamReader;

/**
 * Child JVM of {@link NamespaceTest}. Registers {@code fromChild} (int[] 0..999) in the
 * namespace given as first argument, prints "registered", then follows stdin commands:
 * "sum" (retrieve the parent's matrix {@code fromParent} and print its sum), "release",
 * "exit".
 */
public final class NamespaceChild {
    private NamespaceChild() {
    }

    public static void main(String[] args) throws Exception {
        Namespace namespace = Namespace.named(args[0]);
        namespace.register("fromChild", java.util.stream.IntStream.range(0, 1000).toArray());
        System.out.println("registered");
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in));
        for (String command = commands.readLine(); command != null; command = commands.readLine()) {
            switch (command) {
                case "sum" -> {
                    try (SharedMatrix matrix = namespace.retrieveMatrix("fromParent")) {
                        double sum = 0;
                        for (long column = 0; column < matrix.columns(); column++) {
                            for (long row = 0; row < matrix.rows(); row++) {
                                sum += matrix.get(row, column);
                            }
                        }
                        System.out.println("sum " + sum);
                    }
                }
                case "release" -> {
                    namespace.release("fromChild");
                    System.out.println("released");
                }
                case "exit" -> {
                    namespace.close();
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown command " + command);
            }
        }
        System.exit(1);
    }
}
