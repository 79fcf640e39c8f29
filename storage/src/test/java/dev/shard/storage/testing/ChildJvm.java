package dev.shard.storage.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real child JVM for multi-process tests: same java, classpath and flags as the
 * test JVM, output captured to a file that is dumped when the child fails.
 * Always use in try-with-resources: close() kills the child if it is still running.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Path output;
    private final String description;

    private ChildJvm(Process process, Path output, String description) {
        this.process = process;
        this.output = output;
        this.description = description;
    }

    /** Starts {@code mainClass} with {@code args}; extra system properties as "-Dk=v" in jvmOptions. */
    public static ChildJvm start(Class<?> mainClass, List<String> jvmOptions, String... args) throws IOException {
        return start(mainClass, Map.of(), jvmOptions, args);
    }

    /**
     * Starts {@code mainClass} with extra environment variables. A storage directory
     * variable given here (SHARD_SHM_DIR, SHARD_SPILL_DIR) replaces the directory property
     * this JVM would otherwise pass on, so the variable is what the child sees; directory
     * properties in {@code jvmOptions} are still passed, to test which one wins.
     */
    public static ChildJvm start(Class<?> mainClass, Map<String, String> environment, List<String> jvmOptions,
            String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String flag : inheritedFlags()) {
            boolean replaced = (environment.containsKey("SHARD_SHM_DIR") && flag.startsWith("-Dshard.shm.dir="))
                    || (environment.containsKey("SHARD_SPILL_DIR") && flag.startsWith("-Dshard.spill.dir="));
            if (!replaced) {
                command.add(flag);
            }
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        Path output = Files.createTempFile("shard-child-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        return new ChildJvm(process, output, mainClass.getSimpleName() + " " + String.join(" ", args));
    }

    /**
     * Starts {@code mainClass} as another user: {@code launcher} is the command that
     * switches user (for example {@code setpriv --reuid=65534 ...}), {@code classpath} one
     * that user can read. The child gets this JVM's flags but no storage settings (no
     * SHARD_* variables, no -Dshard.* properties), so it uses its own default roots.
     */
    public static ChildJvm startAsOtherUser(List<String> launcher, String classpath, Class<?> mainClass,
            String... args) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        inheritedFlags().stream().filter(flag -> !flag.startsWith("-Dshard.")).forEach(command::add);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        Path output = Files.createTempFile("shard-child-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("SHARD_"));
        builder.environment().put("HOME", "/");
        Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new ChildJvm(process, output, String.join(" ", launcher) + " " + mainClass.getSimpleName());
    }

    public static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
        return start(mainClass, List.of(), args);
    }

    /** The flags our JVMs need (add-opens, native access, storage directories). */
    static List<String> inheritedFlags() {
        List<String> flags = new ArrayList<>();
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("--add-opens") || argument.startsWith("--enable-native-access")
                    || argument.startsWith("--sun-misc-unsafe-memory-access")
                    || argument.startsWith("-Dshard.")) {
                flags.add(argument);
            }
        }
        for (String property : List.of("shard.shm.dir", "shard.spill.dir")) {
            String value = System.getProperty(property);
            if (value != null) {
                flags.add("-D" + property + "=" + value);
            }
        }
        return flags;
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for exit; fails with the child's output if it times out or exits non-zero. */
    public String awaitSuccess(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("child timed out after " + timeout + ": " + description + "\n" + output());
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("child exited " + process.exitValue() + ": " + description + "\n" + output());
        }
        return output();
    }

    /** Blocks until the child prints a line starting with {@code prefix}; returns the rest of it. */
    public String awaitLine(String prefix, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : output().split("\n")) {
                if (line.startsWith(prefix)) {
                    return line.substring(prefix.length()).trim();
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("child exited " + process.exitValue() + " before printing '" + prefix
                        + "': " + description + "\n" + output());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("child did not print '" + prefix + "' within " + timeout + ": " + description
                + "\n" + output());
    }

    public String output() throws IOException {
        return Files.readString(output);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(output);
    }
}
