package dev.shard.dsl.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code shard [--timings] [run] SCRIPT [options]} recognised without picocli, for the same
 * reason as {@link ExampleInvocation}: building picocli's model costs a cold command ~150 ms.
 * Only the plain form is taken: the script first, then {@code run}'s own options, each as a
 * separate word with its value in the next word, each single-valued option at most once.
 * Anything else (help, {@code --name=value}, an option before the script, {@code --}, argument
 * files, a value that starts with {@code -} or {@code @}) is left to picocli.
 * {@code RunInvocationTest} checks, case by case, that what it accepts picocli parses the same way.
 */
final class RunInvocation {
    static final String COMMAND = "run";
    /** Words that name a command rather than a script ({@code shard <script>} is short for {@code shard run <script>}). */
    private static final Set<String> COMMANDS = Set.of("run", "check", "explain", "example", "gc", "help");
    private static final int MAX_WORKER_DIGITS = 9;

    private RunInvocation() {
    }

    /** The run command with its options set, and whether {@code --timings} came first; empty when picocli must parse. */
    record Parsed(boolean timings, RunCommand command) {
    }

    static Optional<Parsed> of(String[] arguments) {
        boolean timings = arguments.length > 0 && arguments[0].equals("--timings");
        int next = timings ? 1 : 0;
        if (next < arguments.length && arguments[next].equals(COMMAND)) {
            next++;
        } else if (next >= arguments.length || COMMANDS.contains(arguments[next])) {
            return Optional.empty();
        }
        if (next >= arguments.length || !plainValue(arguments[next])) {
            return Optional.empty();
        }
        RunCommand command = new RunCommand();
        command.script = Path.of(arguments[next++]);
        List<String> overrides = new ArrayList<>();
        while (next < arguments.length) {
            String option = arguments[next++];
            if (option.equals("--verbose")) {
                if (command.verbose) {
                    return Optional.empty();
                }
                command.verbose = true;
                continue;
            }
            if (next >= arguments.length || !plainValue(arguments[next])) {
                return Optional.empty();
            }
            if (!take(command, overrides, option, arguments[next++])) {
                return Optional.empty();
            }
        }
        command.overrides = overrides;
        return Optional.of(new Parsed(timings, command));
    }

    /** Sets one option; false for an unknown option, a repeated single-valued one, or a value picocli would refuse. */
    private static boolean take(RunCommand command, List<String> overrides, String option, String value) {
        switch (option) {
            case "-p" -> overrides.add(value);
            case "--workers" -> {
                if (command.workers != null || !value.matches("[0-9]{1," + MAX_WORKER_DIGITS + "}")) {
                    return false;
                }
                command.workers = Integer.valueOf(value);
            }
            case "--memory-budget" -> {
                if (command.memoryBudget != null) {
                    return false;
                }
                command.memoryBudget = value;
            }
            case "--report-json" -> {
                if (command.reportJson != null) {
                    return false;
                }
                command.reportJson = Path.of(value);
            }
            case "--explain-json" -> {
                if (command.explainJson != null) {
                    return false;
                }
                command.explainJson = Path.of(value);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** A word picocli takes as a value as it is: not empty, not option-like, no argument file or command name, no NUL. */
    private static boolean plainValue(String word) {
        return !word.isEmpty() && !word.startsWith("-") && !word.startsWith("@") && !COMMANDS.contains(word)
                && word.indexOf('\0') < 0;
    }
}
