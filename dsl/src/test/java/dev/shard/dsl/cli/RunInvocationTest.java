package dev.shard.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The run command's plain form, recognised without picocli, must mean what picocli makes of it. */
class RunInvocationTest {
    private static final List<List<String>> ACCEPTED = List.of(
            List.of("run", "examples/quickstart.shard"),
            List.of("examples/quickstart.shard"),
            List.of("--timings", "run", "a.shard"),
            List.of("--timings", "a.shard", "--verbose"),
            List.of("run", "a.shard", "-p", "rows=20_000_000", "-p", "name=\"text\"", "--workers", "3"),
            List.of("a.shard", "--memory-budget", "4GiB", "--report-json", "out/r.json", "--explain-json", "e.json"),
            List.of("run", "dir with space/a.shard", "--workers", "007", "--verbose", "-p", "x=1"));
    private static final List<List<String>> LEFT_TO_PICOCLI = List.of(
            List.of(),
            List.of("run"),
            List.of("run", "--help"),
            List.of("run", "a.shard", "--help"),
            List.of("run", "--workers", "2", "a.shard"),
            List.of("run", "a.shard", "--workers=2"),
            List.of("run", "a.shard", "--workers", "two"),
            List.of("run", "a.shard", "--workers", "2", "--workers", "3"),
            List.of("run", "a.shard", "--workers", "12345678901"),
            List.of("run", "a.shard", "--verbose", "--verbose"),
            List.of("run", "a.shard", "-p"),
            List.of("run", "a.shard", "-p", "-x"),
            List.of("run", "a.shard", "--report-json", "help"),
            List.of("run", "a.shard", "--timings"),
            List.of("run", "a.shard", "--"),
            List.of("run", "a.shard", "--unknown"),
            List.of("run", "a.shard", "extra.shard"),
            List.of("run", "@arguments.txt"),
            List.of("--timings", "--timings", "a.shard"),
            List.of("--workers", "2", "a.shard"),
            List.of("check", "a.shard"),
            List.of("explain", "a.shard"),
            List.of("example", "colcor"),
            List.of("gc"),
            List.of("help", "run"),
            List.of("--version"));

    @Test
    void whatItAcceptsPicocliParsesTheSameWay() {
        for (List<String> arguments : ACCEPTED) {
            String[] words = arguments.toArray(String[]::new);
            Optional<RunInvocation.Parsed> fast = RunInvocation.of(words);
            assertTrue(fast.isPresent(), "accepted: " + arguments);
            String[] full = arguments.contains("run") ? words : withRun(words);
            CommandLine.ParseResult parsed = new CommandLine(new ShardCommand()).parseArgs(full);
            CommandLine.ParseResult run = parsed.subcommand();
            assertEquals("run", run.commandSpec().name(), arguments.toString());
            RunCommand expected = (RunCommand) run.commandSpec().userObject();
            RunCommand actual = fast.get().command();
            assertEquals(expected.script, actual.script, arguments.toString());
            assertEquals(expected.overrides, actual.overrides, arguments.toString());
            assertEquals(expected.workers, actual.workers, arguments.toString());
            assertEquals(expected.memoryBudget, actual.memoryBudget, arguments.toString());
            assertEquals(expected.reportJson, actual.reportJson, arguments.toString());
            assertEquals(expected.explainJson, actual.explainJson, arguments.toString());
            assertEquals(expected.verbose, actual.verbose, arguments.toString());
            assertEquals(parsed.hasMatchedOption("--timings") || run.hasMatchedOption("--timings"),
                    fast.get().timings(), arguments.toString());
        }
    }

    @Test
    void everythingElseIsLeftToPicocli() {
        for (List<String> arguments : LEFT_TO_PICOCLI) {
            assertTrue(RunInvocation.of(arguments.toArray(String[]::new)).isEmpty(), arguments.toString());
        }
    }

    /** {@code shard <script>} as ShardCommand rewrites it: run inserted before the script. */
    private static String[] withRun(String[] words) {
        int script = words.length > 0 && words[0].equals("--timings") ? 1 : 0;
        String[] full = new String[words.length + 1];
        System.arraycopy(words, 0, full, 0, script);
        full[script] = "run";
        System.arraycopy(words, script, full, script + 1, words.length - script);
        return full;
    }
}
