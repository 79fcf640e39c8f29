package dev.shard.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    @TempDir
    Path temporary;

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ShardCommand.execute(arguments, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void anAcceptanceScriptChecksCleanWithExitZero() {
        Outcome outcome = run("check", "../examples/quickstart.shard", "-p", "rows=20_000_000");
        assertEquals(0, outcome.code(), outcome.err());
        assertEquals("../examples/quickstart.shard: ok\n", outcome.out());
        assertEquals("", outcome.err());
    }

    @Test
    void scriptErrorsArePrintedTogetherWithExitThree() throws Exception {
        Path script = temporary.resolve("bad.shard");
        Files.writeString(script, "from generate(10) {x = row()}\nfliter x > 3\nderive y = sqr(x)\n");
        Outcome outcome = run("check", script.toString());
        assertEquals(3, outcome.code());
        assertTrue(outcome.err().contains("bad.shard:2:1: error[E0102]: `fliter` is not a statement or a pipeline verb"),
                outcome.err());
        assertTrue(outcome.err().contains("= hint: did you mean `sqrt`?"), outcome.err());
        assertTrue(outcome.err().endsWith("bad.shard: 2 errors\n"), outcome.err());
    }

    @Test
    void aBadOverrideIsAScriptErrorAndAMissingScriptAUsageError() {
        Outcome override = run("check", "../examples/quickstart.shard", "-p", "rows=4GiB");
        assertEquals(3, override.code());
        assertTrue(override.err().contains("error[E0701]: `rows` is an int param, but the value given is a bytes"),
                override.err());
        Outcome missing = run("check", temporary.resolve("nope.shard").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("shard: no script at "), missing.err());
    }
}
