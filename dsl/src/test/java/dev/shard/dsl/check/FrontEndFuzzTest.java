package dev.shard.dsl.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.shard.dsl.analyze.AnalysisOptions;
import dev.shard.dsl.diag.SourceText;
import dev.shard.dsl.parse.ParseLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated scripts (tokens and characters deleted, inserted, swapped, lines
 * duplicated, brackets and operators piled up) never make the front end throw or
 * overflow its stack: every outcome is diagnostics. Seeded, so a failure reproduces;
 * set {@code -Dfuzz.seed} to explore other seeds.
 */
class FrontEndFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20_261_201L);
    private static final int SCRIPTS = 4_000;
    private static final long BUDGET_NANOS = 20_000_000_000L;
    private static final String[] PIECES = {"from", "filter", "derive", "select", "group", "aggregate", "join", "left",
            "sort", "take", "map", "kernel", "shard", "rows", "columns", "each", "list", "index()", "write", "apply", "of", "with", "into", "let",
            "param", "generate", "matrix", "vector", "buffer", "read_matrix", "and", "or", "not", "true", "null", "(",
            ")", "{", "}", "[", "]", ",", ":", ".", "|", "==", "=", "<=", "-", "+", "*", "/", "%", "\n", "\"x.csv\"",
            "\"", "1_000", "64K", "4GiB", "4GB", "1.5e3", "x", "row()", "col()", "count()", "mean(", "#", "\\", "!",
            "&", "'", "é", "😀", "\t", "\r\n"};

    @Test
    void mutatedAndRandomScriptsOnlyEverYieldDiagnostics() throws IOException {
        List<String> corpus = corpus();
        Random random = new Random(SEED);
        ScriptChecker checker = new ScriptChecker(ParseLimits.DEFAULT,
                AnalysisOptions.defaults().withWorkingDirectory(Path.of("."), false));
        long start = System.nanoTime();
        int checked = 0;
        int withErrors = 0;
        while (checked < SCRIPTS && System.nanoTime() - start < BUDGET_NANOS) {
            String script = checked % 10 == 9 ? randomScript(random) : mutate(corpus.get(random.nextInt(corpus.size())), random);
            try {
                CheckResult result = checker.check(new SourceText("fuzz.shard", script));
                assertFalse(result.internalError().isPresent(),
                        () -> "internal error " + result.internalError().get() + " for script:\n" + script);
                ScriptChecker.render(result);
                withErrors += result.hasErrors() ? 1 : 0;
            } catch (Throwable escaped) {
                fail("the front end threw for script:\n" + script, escaped);
            }
            checked++;
        }
        assertTrue(checked >= 1_000, "only " + checked + " scripts in the time budget");
        assertTrue(withErrors > checked / 2, "mutations should mostly break scripts: " + withErrors + "/" + checked);
    }

    @Test
    void pathologicalNestingIsALimitNotAStackOverflow() {
        ScriptChecker checker = ScriptChecker.withDefaults();
        for (String script : List.of(
                "from generate(1) {x = " + "(".repeat(50_000) + "1" + ")".repeat(50_000) + "}",
                "from generate(1) {x = " + "-".repeat(100_000) + "1}",
                "from generate(1) {x = " + "not ".repeat(50_000) + "true}",
                "from generate(1) {x = 1" + " + 1".repeat(100_000) + "}",
                "from generate(1) {x = y" + "[0]".repeat(30_000) + "}",
                "let a = " + "{".repeat(100_000))) {
            CheckResult result = checker.check(new SourceText("deep.shard", script));
            assertTrue(result.internalError().isEmpty(), result.internalError().orElse(""));
            assertTrue(result.hasErrors(), "a limit is reported");
        }
    }

    private static List<String> corpus() throws IOException {
        List<String> scripts = new ArrayList<>();
        for (String name : List.of("quickstart.shard", "colcor.shard", "join.shard", "lapply.shard")) {
            scripts.add(Files.readString(AcceptanceScriptsTest.EXAMPLES.resolve(name)));
        }
        try (Stream<Path> files = Files.list(GoldenErrorsTest.ERRORS)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".shard")).sorted().toList()) {
                scripts.add(Files.readString(file));
            }
        }
        return scripts;
    }

    private static String mutate(String script, Random random) {
        List<String> tokens = new ArrayList<>(List.of(script.split("(?<=[\\s(){}\\[\\],|])|(?=[\\s(){}\\[\\],|])")));
        int mutations = 1 + random.nextInt(4);
        StringBuilder text = new StringBuilder();
        for (int m = 0; m < mutations && !tokens.isEmpty(); m++) {
            int at = random.nextInt(tokens.size());
            switch (random.nextInt(7)) {
                case 0 -> tokens.remove(at);
                case 1 -> tokens.add(at, PIECES[random.nextInt(PIECES.length)]);
                case 2 -> {
                    int other = random.nextInt(tokens.size());
                    String swap = tokens.get(at);
                    tokens.set(at, tokens.get(other));
                    tokens.set(other, swap);
                }
                case 3 -> tokens.add(at, tokens.get(random.nextInt(tokens.size())));
                case 4 -> tokens.add(at, "(".repeat(1 + random.nextInt(200)));
                default -> {
                    String token = tokens.get(at);
                    if (!token.isEmpty()) {
                        int c = random.nextInt(token.length());
                        tokens.set(at, random.nextBoolean() ? token.substring(0, c) + token.substring(c + 1)
                                : token.substring(0, c) + (char) (32 + random.nextInt(95)) + token.substring(c));
                    }
                }
            }
        }
        tokens.forEach(text::append);
        return text.toString();
    }

    private static String randomScript(Random random) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(120);
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]).append(random.nextInt(3) == 0 ? "" : " ");
        }
        return text.toString();
    }
}
