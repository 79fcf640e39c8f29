package dev.shard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What a results file says of the machine it was measured on: figures of two CPU models are not
 * comparable (the same code ran W2 2.5x slower on an AVX2 machine than on an AVX-512 one), and a
 * busy machine's figures are not a quiet one's, so every report names the CPU and the load.
 */
final class Machine {
    private Machine() {
    }

    /** {@code 2 cores (AMD EPYC), 23.5 GiB RAM, JDK 25.0.3+9-LTS, Linux}. */
    static String describe() {
        return String.format(Locale.ROOT, "%d cores (%s), %.1f GiB RAM, JDK %s, %s",
                Runtime.getRuntime().availableProcessors(), cpuModel(), totalMemoryGiB(), Runtime.version(),
                System.getProperty("os.name"));
    }

    /** The 1, 5 and 15 minute load averages, {@code 1.52, 2.45, 5.42}. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(", ", fields[0], fields[1], fields[2]);
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }

    private static double totalMemoryGiB() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(l -> l.startsWith("MemTotal:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D",
                    ""))).findFirst().orElse(0) / (double) (1L << 20);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
