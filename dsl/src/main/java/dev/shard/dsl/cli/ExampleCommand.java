package dev.shard.dsl.cli;

import dev.shard.dsl.diag.Suggestions;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
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
        ExampleCatalog catalog = ExampleCatalog.ofContext();
        if (list || name == null) {
            catalog.all().forEach(program -> out.printf("  %-12s %s%n", program.name(), program.description()));
            return name == null && !list ? 2 : 0;
        }
        Optional<ExampleProgram> program = catalog.named(name);
        if (program.isPresent()) {
            out.flush();
            Timings.phase("example " + name + ": options and set-up");
            return program.get().run(List.copyOf(arguments), new PrintStream(System.out, true),
                    new PrintStream(System.err, true));
        }
        List<String> names = catalog.all().stream().map(ExampleProgram::name).toList();
        err.printf("shard: no example named '%s'; the examples are: %s%n", name, String.join(", ", names));
        Suggestions.closest(name, names).ifPresent(closest -> err.printf("  did you mean '%s'?%n", closest));
        return 2;
    }
}
