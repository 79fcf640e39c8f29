package dev.shard.dsl.cli;

import dev.shard.dsl.check.CheckResult;
import dev.shard.dsl.check.ScriptChecker;
import dev.shard.dsl.diag.SourceText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads and checks a script for run and explain; prints the diagnostics. Empty when the command must stop. */
final class ScriptFiles {
    static final int OK = 0;
    static final int RUN_FAILED = 1;
    static final int USAGE = 2;
    static final int SCRIPT_ERROR = 3;
    static final int BUDGET = 4;

    record Checked(SourceText source, CheckResult result) {
    }

    private ScriptFiles() {
    }

    /** The checked script, or the exit code to stop with (diagnostics already printed). */
    static Object check(Path script, List<String> overrides, PrintWriter err) throws IOException {
        String content;
        try {
            content = Files.readString(script, StandardCharsets.UTF_8);
        } catch (NoSuchFileException missing) {
            err.printf("shard: no script at %s%n", script.toAbsolutePath());
            return USAGE;
        }
        SourceText source = new SourceText(script.toString(), content);
        CheckResult result = ScriptChecker.withDefaults().check(source, overrides);
        err.print(ScriptChecker.render(result));
        err.flush();
        if (result.internalError().isPresent()) {
            return RUN_FAILED;
        }
        if (result.hasErrors() || result.lowered().isEmpty()) {
            return SCRIPT_ERROR;
        }
        return new Checked(source, result);
    }
}
