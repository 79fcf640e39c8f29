package dev.shard.runtime.driver;

import dev.shard.runtime.tune.HumanUnits;
import dev.shard.runtime.tune.WorkerMemory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workers' maximum heap: the pool's bound as {@code -Xmx}, unless the user chose one (in
 * the worker options, or in {@code JAVA_TOOL_OPTIONS} / {@code JDK_JAVA_OPTIONS}, which the
 * workers inherit and which our own command-line flag would silently override).
 */
final class WorkerHeapOptions {
    /** Options by which a user sets the maximum heap, directly or from the machine's memory. */
    private static final List<String> MAX_HEAP_OPTIONS = List.of("-Xmx", "-XX:MaxHeapSize", "-XX:MaxRAM",
            "-XX:MaxRAMPercentage", "-XX:MaxRAMFraction");
    /** Options that size the heap or a generation and nothing else. */
    private static final Pattern HEAP_SIZE = Pattern.compile(
            "-(?:Xmx|Xms|Xmn|XX:(?:MaxHeapSize|InitialHeapSize|MinHeapSize|NewSize|MaxNewSize)=)(\\d+)([kKmMgGtT]?)");
    /**
     * Options by which a user sets the initial or minimum heap, or a young generation that our
     * small initial heap could not hold (the JVM would shrink it to fit).
     */
    private static final List<String> INITIAL_HEAP_OPTIONS = List.of("-Xms", "-XX:InitialHeapSize",
            "-XX:MinHeapSize", "-XX:InitialRAMPercentage", "-XX:InitialRAMFraction", "-Xmn", "-XX:NewSize",
            "-XX:MaxNewSize", "-XX:NewRatio");
    static final List<String> INHERITED_OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    private WorkerHeapOptions() {
    }

    /** The heap the workers get from the pool: {@code bound}, or 0 when there is none or the user set one. */
    static long effectiveBound(long bound, List<String> userOptions, Map<String, String> environment) {
        return bound > 0 && !setByUser(userOptions, environment) ? bound : 0;
    }

    /** The flag for an effective bound, none for 0; whole mebibytes, rounded down. */
    static List<String> options(long effectiveBound) {
        return effectiveBound > 0 ? List.of("-Xmx" + Math.max(1, effectiveBound >> 20) + "m") : List.of();
    }

    /**
     * The initial heap for an effective bound ({@link WorkerMemory#initialHeapBytes}), none for 0
     * or when the user set one: small, so that a worker can give back between stages the heap a
     * large stage grew (see StageHeap in the planner). Whole mebibytes, rounded up.
     */
    static List<String> initialOptions(long effectiveBound, List<String> userOptions, Map<String, String> environment) {
        long initial = WorkerMemory.initialHeapBytes(effectiveBound);
        if (initial <= 0 || setByUser(userOptions, environment, INITIAL_HEAP_OPTIONS)) {
            return List.of();
        }
        return List.of("-Xms" + Math.min(effectiveBound >> 20, (initial + (1L << 20) - 1) >> 20) + "m");
    }

    static boolean setByUser(List<String> userOptions, Map<String, String> environment) {
        return setByUser(userOptions, environment, MAX_HEAP_OPTIONS);
    }

    private static boolean setByUser(List<String> userOptions, Map<String, String> environment,
            List<String> prefixes) {
        if (userOptions.stream().anyMatch(option -> startsWithAny(option, prefixes))) {
            return true;
        }
        for (String variable : INHERITED_OPTION_VARIABLES) {
            String value = environment.get(variable);
            if (value != null && List.of(value.trim().split("\\s+")).stream()
                    .anyMatch(option -> startsWithAny(option, prefixes))) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithAny(String option, List<String> prefixes) {
        return prefixes.stream().anyMatch(option::startsWith);
    }

    /**
     * True for an option that only sizes the heap or a generation below 32 GiB: the JVM accepts
     * an AOT cache recorded with any such size (checked with -Xlog:aot on JDK 25: "Using
     * AOT-linked classes: true" for -Xmx64m to -Xmx20g over a cache recorded at the default),
     * so a cache key leaves it out. From 32 GiB compressed pointers go off and the cache is
     * refused, so such a size stays in the key.
     */
    static boolean sizesHeapOnly(String option) {
        Matcher matcher = HEAP_SIZE.matcher(option);
        if (!matcher.matches()) {
            return false;
        }
        long bytes;
        try {
            bytes = Math.multiplyExact(Long.parseLong(matcher.group(1)), unit(matcher.group(2)));
        } catch (ArithmeticException | NumberFormatException e) {
            return false;
        }
        return bytes < WorkerMemory.COMPRESSED_OOPS_HEAP_LIMIT;
    }

    private static long unit(String suffix) {
        return switch (suffix.toLowerCase(Locale.ROOT)) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            case "t" -> 1L << 40;
            default -> 1;
        };
    }

    /** What a worker that ran out of heap had, and how to give it more; for its death's cause. */
    static String outOfMemoryAdvice(long effectiveBound, String source, boolean setByUser) {
        if (effectiveBound > 0) {
            return "the worker's maximum heap is " + HumanUnits.bytes(effectiveBound) + " (-Xmx"
                    + (source.isBlank() ? "" : ", " + source) + "): raise the memory budget, or give the stage"
                    + " smaller shards";
        }
        if (setByUser) {
            return "the worker's maximum heap was set in its JVM options: raise it";
        }
        return "the worker had the JVM's default maximum heap";
    }
}
