package dev.shard.dsl.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Runs a built-in example program; its options are its own (see {@code example <name> --help}). */
@Command(name = "example", description = "Run a built-in example (colcor, tiny-tasks, ...).")
final class ExampleCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--list", description = "List the examples.")
    boolean list;

    @CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The example to run.")
    String name;

    @CommandLine.Unmatched
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        return run(list, name, arguments, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** The command's work, also reached without picocli for its plain form ({@link ExampleInvocation}). */
    static int run(boolean list, String name, List<String> arguments, PrintWriter out, PrintWriter err) throws Exception {
        Logging.configure(false);
        List<ExampleProgram> programs = ServiceLoader.load(ExampleProgram.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(ExampleProgram::name))
                .toList();
        if (list || name == null) {
            programs.forEach(program -> out.printf("  %-12s %s%n", program.name(), program.description()));
            return name == null && !list ? 2 : 0;
        }
        for (ExampleProgram program : programs) {
            if (program.name().equals(name)) {
                out.flush();
                Timings.phase("example " + name + ": options and set-up");
                return program.run(List.copyOf(arguments), new PrintStream(System.out, true),
                        new PrintStream(System.err, true));
            }
        }
        err.printf("shard: no example named '%s'; the examples are: %s%n", name,
                programs.stream().map(ExampleProgram::name).collect(Collectors.joining(", ")));
        return 2;
    }
}
