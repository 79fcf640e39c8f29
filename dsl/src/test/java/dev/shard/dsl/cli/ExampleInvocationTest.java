package dev.shard.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The example command's plain form, recognised without picocli, must mean what picocli makes of it. */
class ExampleInvocationTest {
    private static final List<List<String>> ACCEPTED = List.of(
            List.of("example", "colcor"),
            List.of("--timings", "example", "colcor"),
            List.of("example", "colcor", "--rows", "2000", "--cols", "50"),
            List.of("example", "tiny-tasks", "--tasks", "10000", "--runs", "3"),
            List.of("example", "colcor", "--help"),
            List.of("example", "colcor", "-h", "--report-json", "out.json"),
            List.of("example", "colcor", "--rows=100", "extra", "positional"),
            List.of("--timings", "example", "quickstart", "-x", "--unknown"));
    private static final List<List<String>> LEFT_TO_PICOCLI = List.of(
            List.of("example"),
            List.of("example", "--list"),
            List.of("example", "colcor", "--list"),
            List.of("example", "colcor", "--timings"),
            List.of("example", "colcor", "--", "--rows"),
            List.of("example", "colcor", "@arguments.txt"),
            List.of("example", "--timings", "colcor"),
            List.of("--help", "example", "colcor"),
            List.of("--version"),
            List.of("run", "example", "colcor"),
            List.of("example", "Colcor"),
            List.of("--timings", "--timings", "example", "colcor"),
            List.of("script.shard"));

    @Test
    void whatItAcceptsPicocliParsesTheSameWay() {
        for (List<String> arguments : ACCEPTED) {
            String[] words = arguments.toArray(String[]::new);
            Optional<ExampleInvocation> fast = ExampleInvocation.of(words);
            assertTrue(fast.isPresent(), "accepted: " + arguments);
            CommandLine.ParseResult parsed = new CommandLine(new ShardCommand()).parseArgs(words);
            CommandLine.ParseResult example = parsed.subcommand();
            assertEquals("example", example.commandSpec().name(), arguments.toString());
            ExampleCommand command = (ExampleCommand) example.commandSpec().userObject();
            assertEquals(command.name, fast.get().name(), arguments.toString());
            assertEquals(command.arguments, fast.get().arguments(), arguments.toString());
            assertFalse(command.list, arguments.toString());
            assertEquals(parsed.hasMatchedOption("--timings") || example.hasMatchedOption("--timings"),
                    fast.get().timings(), arguments.toString());
        }
    }

    @Test
    void everythingElseIsLeftToPicocli() {
        for (List<String> arguments : LEFT_TO_PICOCLI) {
            assertTrue(ExampleInvocation.of(arguments.toArray(String[]::new)).isEmpty(), arguments.toString());
        }
    }
}
