package dev.shard.examples;

import dev.shard.dsl.cli.ExampleProgram;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs an example program in this JVM and captures its exit code, stdout and stderr. */
public record ProgramOutput(int exitCode, String out, String err) {
    public static ProgramOutput run(ExampleProgram program, String... arguments) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = program.run(List.of(arguments), outStream, errStream);
        }
        return new ProgramOutput(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The value of a {@code key=value} line on stdout; fails naming the output when absent. */
    public String value(String key) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(key) + "=(\\S+)$").matcher(out);
        if (!matcher.find()) {
            throw new AssertionError("no '" + key + "=' line on stdout:\n" + out + "\nstderr:\n" + err);
        }
        return matcher.group(1);
    }

    /** Everything the program printed, for assertion messages. */
    public String describe() {
        return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }

    /** Waits until this JVM has no child processes left (the pool's workers), or fails. */
    public static void awaitNoChildren(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ProcessHandle.current().children().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("worker processes still running after the program returned: "
                        + ProcessHandle.current().children().map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                        .toList());
            }
            Thread.sleep(50);
        }
    }
}
