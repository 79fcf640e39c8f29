package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workers' compile commands in a real JVM of this JDK, against one without them: the same
 * burst of run-time class generation has C2 compile methods of the class-file generator on
 * their own without the commands and never with them (the JVM's compilation log; {@code -Xbatch}
 * so that compilations finish before the program goes on, whatever the machine's load), and with
 * them the JVM writes nothing of its own to the worker's output.
 */
class WorkerCompileCommandTest {
    private static final Pattern TASK = Pattern.compile("<task [^>]*>");
    private static final Pattern METHOD = Pattern.compile(" method='([^']*)'");

    @TempDir
    Path directory;

    @Test
    void theClassFileGeneratorIsLeftToC1AndTheJvmSaysNothingOfIt() throws IOException, InterruptedException {
        Run without = burst(List.of(), "without");
        Run with = burst(WorkerLauncher.CLASS_FILE_GENERATOR_IN_C1, "with");
        assertTrue(without.c2ClassFileCompilations() > 0,
                "the burst must make C2 compile the generator without the commands, or this test proves nothing");
        assertEquals(0, with.c2ClassFileCompilations(), "C2 compiled the class-file generator despite the commands");
        assertEquals(List.of("defined 6000 classes"), with.output().lines().map(line -> line.replaceAll(" \\(.*", ""))
                .toList(), "only the program's own output");
    }

    private record Run(String output, long c2ClassFileCompilations) {
    }

    private Run burst(List<String> options, String name) throws IOException, InterruptedException {
        Path log = directory.resolve(name + ".compilation.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(options);
        command.addAll(List.of("-Xbatch", "-XX:+UnlockDiagnosticVMOptions", "-XX:+LogCompilation", "-XX:LogFile=" + log,
                "-cp", System.getProperty("java.class.path"), ClassFileBurst.class.getName(),
                "6000"));
        Path out = directory.resolve(name + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        // Options inherited from the environment would make the JVM print "Picked up ...".
        builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
        Process java = builder.start();
        if (!java.waitFor(120, TimeUnit.SECONDS)) {
            java.destroyForcibly().waitFor();
            throw new AssertionError("the burst did not end within 120 s: " + Files.readString(out));
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, java.exitValue(), output);
        return new Run(output, c2Compilations(Files.readString(log)));
    }

    /** Tasks C2 finished (a task without a tier is C2's) for methods of jdk.internal.classfile, each on its own. */
    private static long c2Compilations(String log) {
        long count = 0;
        Matcher task = TASK.matcher(log);
        while (task.find()) {
            String tag = task.group();
            Matcher method = METHOD.matcher(tag);
            boolean c2 = !tag.contains(" level='");
            int done = log.indexOf("<task_done", task.end());
            int nextTask = log.indexOf("<task ", task.end());
            // A task cut off when the JVM ended has no end of its own: the next one's is not its.
            boolean succeeded = done >= 0 && (nextTask < 0 || done < nextTask)
                    && log.startsWith("<task_done success='1'", done);
            if (c2 && succeeded && method.find() && method.group(1).startsWith("jdk.internal.classfile")) {
                count++;
            }
        }
        return count;
    }
}
