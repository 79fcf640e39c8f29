package dev.shard.dsl.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.dsl.api.Session;
import dev.shard.dsl.api.Shard;
import dev.shard.dsl.check.CheckResult;
import dev.shard.dsl.check.ScriptChecker;
import dev.shard.dsl.cli.ShardCommand;
import dev.shard.dsl.diag.SourceText;
import dev.shard.planner.expr.Generator;
import dev.shard.storage.segment.StorageContext;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A let table read by two pipelines and as a join side runs once: its kernel sees each of
 * its 10,000 rows once (inlined into every use it would see 30,000), the results equal the
 * same queries computed row by row, and its shared result is gone when the script ends.
 */
@Timeout(300)
class LetOnceTest {
    private static final long LET_ROWS = 10_000;
    private static final long ORDERS = 20_000;

    @TempDir
    Path directory;

    private String script(Path log) {
        return "let scored = from generate(10_000) {id = row(), g = random_int(5, stream = 3)}"
                + " | map kernel \"" + RowCountingKernel.class.getName() + "\" {log = \"" + log + "\"}\n"
                + "from scored | group {g} (aggregate {n = count()}) | sort {g} | write \"" + out("a") + "\"\n"
                + "from scored | filter id % 2 == 0 | group {g} (aggregate {n = count()}) | sort {g}"
                + " | write \"" + out("b") + "\"\n"
                + "from generate(20_000) {key = random_int(10_000, stream = 4)} | join scored (key == scored.id)"
                + " | group {g} (aggregate {n = count()}) | sort {g} | write \"" + out("c") + "\"\n"
                + "let unread = from generate(10) {x = row()} | map kernel \"" + RowCountingKernel.class.getName()
                + "\" {log = \"" + log + "\"}\n"
                + "let written = from generate(3) {x = row()} | write \"" + out("w") + "\"\n";
    }

    private Path out(String name) {
        return directory.resolve(name + ".csv");
    }

    @Test
    void aLetReadThreeTimesRunsOnceAndIsReleasedWhenTheScriptEnds() throws IOException {
        Path log = directory.resolve("kernel.log");
        SourceText source = new SourceText("let.shard", script(log));
        CheckResult checked = ScriptChecker.withDefaults().check(source, List.of());
        assertFalse(checked.hasErrors(), ScriptChecker.render(checked));
        try (Session session = Shard.local().workers(2).open()) {
            ScriptRunner.Outcome outcome = new ScriptRunner(session, source, new PrintStream(
                    java.io.OutputStream.nullOutputStream()), ScriptRunner.RunListener.NONE)
                    .run(checked.lowered().orElseThrow());
            assertEquals(List.of("let.shard:1:1 let scored (run once, read by later parts)", "let.shard:2:1",
                    "let.shard:3:1", "let.shard:4:1",
                    "let.shard:6:1 let written (run once for its write; no later part reads it)"), outcome.parts(),
                    "the unread let does not run; the one that writes does");
            assertEquals(List.of(), segmentsOfThisProcess(), "the let's shared result is released at the end");
        }
        assertEquals(LET_ROWS, RowCountingKernel.rowsLogged(log), "the let's kernel saw each row once");
        assertEquals(expected(id -> true), lines("a"));
        assertEquals(expected(id -> id % 2 == 0), lines("b"));
        assertEquals(joined(), lines("c"));
        assertEquals(List.of("x", "0", "1", "2"), lines("w"));
    }

    @Test
    void aLetResultIsReleasedWhenALaterStatementFails() {
        SourceText source = new SourceText("fails.shard", "let kept = from generate(1_000) {id = row()} | filter id > 5\n"
                + "from kept | take 3 | write \"/proc/no-such-directory/out.csv\"\n");
        CheckResult checked = ScriptChecker.withDefaults().check(source, List.of());
        assertFalse(checked.hasErrors(), ScriptChecker.render(checked));
        try (Session session = Shard.local().workers(1).open()) {
            ScriptRunException failed = assertThrows(ScriptRunException.class, () -> new ScriptRunner(session, source,
                    new PrintStream(java.io.OutputStream.nullOutputStream()), ScriptRunner.RunListener.NONE)
                    .run(checked.lowered().orElseThrow()));
            assertTrue(failed.getMessage().startsWith("fails.shard:2:1: the statement `from kept"), failed.getMessage());
            assertEquals(List.of(), segmentsOfThisProcess(), "the let's shared result is released on failure too");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void explainShowsTheLetAsItsOwnPartAndAnalyzeShowsItRanOnce() throws IOException {
        Path log = directory.resolve("kernel.log");
        Path file = directory.resolve("let.shard");
        Files.writeString(file, script(log));
        StringWriter planned = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, ShardCommand.execute(new String[] {"explain", file.toString(), "--workers", "1"},
                new PrintWriter(planned, true), new PrintWriter(err, true)), err.toString());
        assertEquals(1, count(planned.toString(), "let scored (run once, read by later parts)"), planned.toString());
        assertEquals(2, count(planned.toString(), "source=result of scored"), planned.toString());
        assertEquals(1, count(planned.toString(), "broadcast: read in place from result of scored"),
                "the join reads the let's shared table with no build stage of its own: " + planned);
        assertFalse(planned.toString().contains("let unread"), planned.toString());
        assertFalse(Files.exists(log), "explain without --analyze runs nothing");
        StringWriter analyzed = new StringWriter();
        assertEquals(0, ShardCommand.execute(new String[] {"explain", file.toString(), "--analyze", "--workers", "1"},
                new PrintWriter(analyzed, true), new PrintWriter(err, true)), err.toString());
        assertEquals(1, count(analyzed.toString(), "MapKernelExec"), analyzed.toString());
        assertTrue(analyzed.toString().contains("(actual 10,000)"), analyzed.toString());
        assertEquals(LET_ROWS, RowCountingKernel.rowsLogged(log));
    }

    private static int count(String text, String part) {
        return (int) Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
    }

    private List<String> lines(String name) throws IOException {
        return Files.readAllLines(out(name));
    }

    private static List<String> expected(java.util.function.LongPredicate keep) {
        long[] counts = new long[5];
        for (long id = 0; id < LET_ROWS; id++) {
            if (keep.test(id)) {
                counts[(int) Generator.randomInt(5, 3, id)]++;
            }
        }
        return table(counts);
    }

    private static List<String> joined() {
        long[] counts = new long[5];
        for (long row = 0; row < ORDERS; row++) {
            long key = Generator.randomInt(10_000, 4, row);
            counts[(int) Generator.randomInt(5, 3, key)]++;
        }
        return table(counts);
    }

    private static List<String> table(long[] counts) {
        List<String> lines = new ArrayList<>(List.of("g,n"));
        for (int g = 0; g < counts.length; g++) {
            if (counts[g] > 0) {
                lines.add(g + "," + counts[g]);
            }
        }
        return lines;
    }

    /** The segment files in this process's run directories under the shm root. */
    private static List<Path> segmentsOfThisProcess() throws IOException {
        Path root = StorageContext.fromEnvironment().root(dev.shard.storage.segment.Backing.SHM);
        String prefix = "run-" + ProcessHandle.current().pid() + "-";
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> runs = Files.list(root)) {
            List<Path> segments = new ArrayList<>();
            for (Path run : runs.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                try (Stream<Path> files = Files.walk(run)) {
                    files.filter(p -> p.getFileName().toString().endsWith(".seg")).forEach(segments::add);
                }
            }
            return segments;
        }
    }
}
