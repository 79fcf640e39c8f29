package dev.shard.dsl.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code shard [--timings] example NAME ARGS...} recognised without picocli. Building picocli's
 * model costs a fresh JVM ~150 ms (its classes are Java 5 class files, which the JDK's AOT
 * cache cannot hold, so they are read and verified on every start, and reading the command
 * annotations spins a proxy class per annotation type), more than any other part of a
 * cold {@code bin/shard example colcor} but the pool's start. The example command only passes
 * its arguments on to the program, so its plain form needs no parser: this accepts exactly
 * that form and leaves everything else (help, {@code --list}, {@code --}, argument files,
 * other global options) to picocli. {@code ExampleInvocationTest} checks, case by case, that
 * what it accepts picocli parses the same way.
 *
 * @param timings whether {@code --timings} came before the command
 * @param name the example's name
 * @param arguments the program's own arguments, in order
 */
record ExampleInvocation(boolean timings, String name, List<String> arguments) {
    static final String COMMAND = "example";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    /** The invocation when {@code arguments} is a plain example command, else empty: picocli parses it. */
    static Optional<ExampleInvocation> of(String[] arguments) {
        // Once at most: picocli refuses an option given twice.
        boolean timings = arguments.length > 0 && arguments[0].equals("--timings");
        int next = timings ? 1 : 0;
        if (arguments.length < next + 2 || !arguments[next].equals(COMMAND) || !NAME.matcher(arguments[next + 1]).matches()) {
            return Optional.empty();
        }
        List<String> rest = Arrays.asList(arguments).subList(next + 2, arguments.length);
        if (rest.stream().anyMatch(ExampleInvocation::meantForPicocli)) {
            return Optional.empty();
        }
        return Optional.of(new ExampleInvocation(timings, arguments[next + 1], List.copyOf(rest)));
    }

    /** Words picocli would take itself rather than pass to the program. */
    private static boolean meantForPicocli(String argument) {
        return argument.equals("--") || argument.startsWith("--list") || argument.startsWith("--timings")
                || argument.startsWith("@");
    }
}
