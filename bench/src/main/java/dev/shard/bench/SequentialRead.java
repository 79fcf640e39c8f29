package dev.shard.bench;

import dev.shard.storage.arrow.ArrowFiles;
import dev.shard.storage.arrow.SharedArrowTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The scan benchmark's baseline, a 1-thread sequential read of the Arrow file's mapping
 * ({@link ScanBenchmark#sequentialSum}), in a JVM of its own. Read in the benchmark's process,
 * after its other workloads, the same loop ran at 1.5-4.4 GB/s instead of ~9 (a JIT effect of
 * that process), which made the scan ratio depend on what ran before it. The child is started
 * with the same JDK, flags and classpath, maps the same file, and reads it once per request,
 * so the benchmark still alternates read and engine round by round.
 *
 * <p>Protocol on the child's stdin/stdout, one line each: the child says {@code ready
 * <column bytes>} once the file is mapped; each {@code read} line is answered with
 * {@code read <wall ns> <thread CPU ns> <sum as raw double bits, hex>}; end of input ends it.
 */
final class SequentialRead implements AutoCloseable {
    private static final String READY = "ready";
    private static final String READ = "read";
    /** Options of this JVM that must not be given to a second one (a debugger port, a recording, an agent). */
    private static final List<String> NOT_INHERITED = List.of("-agentlib:", "-agentpath:", "-javaagent:", "-Xrunjdwp",
            "-XX:StartFlightRecording", "-XX:FlightRecorderOptions");

    /** One read of every column: its wall and CPU time and the sum it computed (checked by the caller). */
    record Reading(long wallNanos, long cpuNanos, double total) {
    }

    private final Process process;
    private final BufferedReader replies;
    private final Writer requests;
    private final long columnBytes;

    private SequentialRead(Process process) {
        this.process = process;
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.requests = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.columnBytes = parseReady(reply());
    }

    /** Starts a child JVM (this JVM's java, flags and classpath) that maps {@code file}. */
    static SequentialRead start(Path file) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(inheritedOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SequentialRead.class.getName());
        command.add(file.toAbsolutePath().toString());
        try {
            return new SequentialRead(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the sequential read's JVM " + command.getFirst() + ": "
                    + e.getMessage(), e);
        }
    }

    /** This JVM's options minus those a second JVM must not share. */
    static List<String> inheritedOptions(List<String> options) {
        return options.stream().filter(o -> NOT_INHERITED.stream().noneMatch(o::startsWith)).toList();
    }

    /** The column bytes the child read each time (the file's fixed-width data buffers). */
    long columnBytes() {
        return columnBytes;
    }

    /** One sequential read in the child. */
    Reading read() {
        try {
            requests.write(READ + "\n");
            requests.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the sequential read's JVM stopped taking requests: " + e.getMessage(), e);
        }
        return parseReading(reply());
    }

    private String reply() {
        try {
            String line = replies.readLine();
            if (line == null) {
                throw new IllegalStateException("the sequential read's JVM ended without an answer (exit code "
                        + exitCode() + "); its errors are on this process's stderr");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sequential read's answer: " + e.getMessage(), e);
        }
    }

    private String exitCode() {
        try {
            return process.waitFor(10, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    static long parseReady(String line) {
        String[] parts = line.split(" ");
        if (parts.length != 2 || !parts[0].equals(READY)) {
            throw new IllegalStateException("the sequential read's JVM said '" + line + "', expected '" + READY
                    + " <column bytes>'");
        }
        return number(parts[1], line);
    }

    static Reading parseReading(String line) {
        String[] parts = line.split(" ");
        if (parts.length != 4 || !parts[0].equals(READ)) {
            throw new IllegalStateException("the sequential read's JVM said '" + line + "', expected '" + READ
                    + " <wall ns> <cpu ns> <sum bits in hex>'");
        }
        long bits;
        try {
            bits = Long.parseUnsignedLong(parts[3], 16);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("the sequential read's sum '" + parts[3] + "' in '" + line
                    + "' is not a double's bits in hex", e);
        }
        return new Reading(number(parts[1], line), number(parts[2], line), Double.longBitsToDouble(bits));
    }

    static String formatReading(Reading reading) {
        return READ + " " + reading.wallNanos() + " " + reading.cpuNanos() + " "
                + Long.toHexString(Double.doubleToRawLongBits(reading.total()));
    }

    private static long number(String text, String line) {
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException("negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("'" + text + "' in the sequential read's answer '" + line
                    + "' is not a count of nanoseconds or bytes", e);
        }
    }

    /** Ends the child (end of its input) and waits for it; kills it if it does not end. */
    @Override
    public void close() {
        try {
            requests.close();
        } catch (IOException e) {
            // The child is gone already; waiting below tells.
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The child: maps the file named by {@code args[0]} and reads it once per request line. */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (SharedArrowTable table = ArrowFiles.open(Path.of(args[0]));
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            List<MemorySegment> doubles = new ArrayList<>();
            List<MemorySegment> ints = new ArrayList<>();
            ScanBenchmark.columns(table, doubles, ints);
            long bytes = doubles.stream().mapToLong(MemorySegment::byteSize).sum()
                    + ints.stream().mapToLong(MemorySegment::byteSize).sum();
            out.println(READY + " " + bytes);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.equals(READ)) {
                    throw new IllegalArgumentException("sequential read: unknown request '" + line + "'");
                }
                long start = System.nanoTime();
                long cpuStart = threads.getCurrentThreadCpuTime();
                double total = ScanBenchmark.sequentialSum(doubles, ints);
                long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
                out.println(formatReading(new Reading(System.nanoTime() - start, cpu, total)));
            }
        }
        // Nothing of ours keeps the JVM alive, but a clean exit code says the file was unmapped.
        System.exit(0);
    }
}
