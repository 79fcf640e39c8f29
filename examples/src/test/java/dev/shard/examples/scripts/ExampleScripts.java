package dev.shard.examples.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.shard.dsl.analyze.AnalysisOptions;
import dev.shard.dsl.api.Session;
import dev.shard.dsl.api.Shard;
import dev.shard.dsl.check.CheckResult;
import dev.shard.dsl.check.ScriptChecker;
import dev.shard.dsl.diag.SourceText;
import dev.shard.dsl.parse.ParseLimits;
import dev.shard.dsl.run.ScriptRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a script of examples/ on real workers the way {@code shard run} does (check, lower,
 * {@link ScriptRunner}), with its outputs redirected into a directory of the test, and
 * compares text against golden files; {@code -Dgolden.update=true} rewrites them.
 */
final class ExampleScripts {
    static final Path EXAMPLES = Path.of("..").toAbsolutePath().normalize().resolve("examples");
    static final Path GOLDEN = Path.of("src/test/resources/golden/examples");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private ExampleScripts() {
    }

    /** The script's text with {@code "out/...} and {@code "examples/data/...} made absolute. */
    static SourceText source(String name, Path outputDirectory) throws IOException {
        String text = Files.readString(EXAMPLES.resolve(name), StandardCharsets.UTF_8)
                .replace("\"out/", "\"" + outputDirectory.resolve("out") + "/")
                .replace("\"examples/data/", "\"" + EXAMPLES.resolve("data") + "/");
        return new SourceText(name, text);
    }

    static CheckResult check(SourceText source, Path directory, List<String> overrides) {
        CheckResult result = new ScriptChecker(ParseLimits.DEFAULT,
                AnalysisOptions.defaults().withWorkingDirectory(directory, true)).check(source, overrides);
        assertFalse(result.hasErrors(), ScriptChecker.render(result));
        return result;
    }

    /** Runs the script on {@code workers} workers; returns what it printed on stdout. */
    static String run(String name, Path directory, int workers, String... overrides) throws IOException {
        SourceText source = source(name, directory);
        CheckResult result = check(source, directory, List.of(overrides));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (Session session = Shard.local().workers(workers).open();
                PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            new ScriptRunner(session, source, out, ScriptRunner.RunListener.NONE).run(result.lowered().orElseThrow());
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** {@code actual} equals golden file {@code name} (or rewrites it in update mode). */
    static void assertGolden(String name, String actual) throws IOException {
        assertGolden(GOLDEN.resolve(name), actual);
    }

    /** {@code actual} equals the golden file {@code expected} (or rewrites it in update mode). */
    static void assertGolden(Path expected, String actual) throws IOException {
        if (UPDATE) {
            Files.createDirectories(expected.getParent());
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(Files.exists(expected) ? Files.readString(expected, StandardCharsets.UTF_8)
                : "<missing " + expected + "; run with -Dgolden.update=true>", actual, "golden " + expected);
    }
}
