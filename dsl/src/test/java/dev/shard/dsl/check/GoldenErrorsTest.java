package dev.shard.dsl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.dsl.analyze.AnalysisOptions;
import dev.shard.dsl.diag.SourceText;
import dev.shard.dsl.parse.ParseLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Bad scripts → exact rendered diagnostics. Each {@code golden/errors/<case>.shard} has
 * its expectation in {@code <case>.out}; a first line {@code # -p name=value ...} passes
 * overrides. Run with {@code -Dgolden.update=true} to rewrite the expectations, then
 * review them as a diff.
 */
class GoldenErrorsTest {
    static final Path ERRORS = Path.of("src/test/resources/golden/errors");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    /** Small limits so the limit cases stay small files. */
    private static final ParseLimits LIMITS = new ParseLimits(4_000, 16, 200);

    @TestFactory
    Stream<DynamicTest> everyBadScriptRendersItsExpectedDiagnostics() throws IOException {
        List<Path> cases;
        try (Stream<Path> files = Files.list(ERRORS)) {
            cases = files.filter(path -> path.toString().endsWith(".shard")).sorted().toList();
        }
        assertTrue(cases.size() >= 25, "at least 25 error cases, found " + cases.size());
        return cases.stream().map(script -> DynamicTest.dynamicTest(script.getFileName().toString(),
                () -> checkCase(script)));
    }

    private static void checkCase(Path script) throws IOException {
        String content = Files.readString(script, StandardCharsets.UTF_8);
        List<String> overrides = content.startsWith("# -p ")
                ? Arrays.stream(content.lines().findFirst().orElseThrow().substring(5).split(" ")).toList()
                : List.of();
        AnalysisOptions options = AnalysisOptions.defaults().withWorkingDirectory(ERRORS.toAbsolutePath(), true);
        CheckResult result = new ScriptChecker(LIMITS, options)
                .check(new SourceText(script.getFileName().toString(), content), overrides);
        // The machine's checkout path would make the files differ between machines.
        String rendered = ScriptChecker.render(result).replace(ERRORS.toAbsolutePath().toString(), "<golden>");
        Path expected = script.resolveSibling(script.getFileName().toString().replace(".shard", ".out"));
        if (UPDATE) {
            Files.writeString(expected, rendered, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(result.hasErrors(), "a golden error case must fail the check:\n" + rendered);
        assertEquals(Files.exists(expected) ? Files.readString(expected, StandardCharsets.UTF_8) : "<missing " + expected + ">",
                rendered, "rendered diagnostics of " + script.getFileName());
    }
}
