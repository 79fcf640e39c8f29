package dev.shard.dsl.cli;

import dev.shard.dsl.check.CheckResult;
import dev.shard.dsl.check.ScriptChecker;
import dev.shard.dsl.diag.SourceText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Parses and analyses a script and prints its diagnostics; starts no workers. Exit codes:
 * 0 no errors (warnings may be printed), 2 usage error (no such script), 3 script error,
 * 1 an internal error of the checker.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check a .shard script and print its diagnostics; no workers are started.")
final class CheckCommand implements Callable<Integer> {
    static final int SCRIPT_ERROR = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(index = "0", paramLabel = "SCRIPT", description = "The .shard script.")
    Path script;

    @CommandLine.Option(names = "-p", paramLabel = "NAME=VALUE",
            description = "Override a param; the value is a literal of the language (20_000_000, 4GiB, \"text\").")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        String content;
        try {
            content = Files.readString(script, StandardCharsets.UTF_8);
        } catch (NoSuchFileException missing) {
            spec.commandLine().getErr().printf("shard: no script at %s%n", script.toAbsolutePath());
            return 2;
        }
        CheckResult result = ScriptChecker.withDefaults().check(new SourceText(script.toString(), content), overrides);
        String rendered = ScriptChecker.render(result);
        spec.commandLine().getErr().print(rendered);
        spec.commandLine().getErr().flush();
        if (result.internalError().isPresent()) {
            return 1;
        }
        if (result.hasErrors()) {
            return SCRIPT_ERROR;
        }
        spec.commandLine().getOut().printf("%s: ok%n", script);
        return 0;
    }
}
