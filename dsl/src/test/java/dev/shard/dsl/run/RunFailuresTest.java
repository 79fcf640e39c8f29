package dev.shard.dsl.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.dsl.cli.ShardCommand;
import dev.shard.dsl.diag.SourceSpan;
import dev.shard.dsl.diag.SourceText;
import dev.shard.dsl.lower.LoweredStatement.PlanStep;
import dev.shard.runtime.task.ShardFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A failure inside a worker names the script step, its line and the shard (exit 1). */
@Timeout(300)
class RunFailuresTest {
    @TempDir
    Path directory;

    private String failedRun(String script) throws IOException {
        Path file = directory.resolve("t.shard");
        Files.writeString(file, script);
        StringWriter err = new StringWriter();
        int code = ShardCommand.execute(new String[] {"run", file.toString(), "--workers", "2"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(1, code, err.toString());
        return err.toString();
    }

    @Test
    void aCellBodyFailingInAWorkerNamesTheLetLineAndTheShard() throws IOException {
        String err = failedRun("let y = vector(10) { row() }\nlet X = matrix(10, 2) { y[9 + row()] }\n"
                + "let r = buffer(double, 2)\napply columns of X into r: sum(column)\n");
        assertTrue(Pattern.compile("t\\.shard:2:9: `let X = matrix\\(10, 2\\) \\{ y\\[9 \\+ row\\(\\)\\] \\}` failed"
                + " filling `X` in shard \\d+ \\(worker \\d+, pid \\d+, \\d+ attempts?\\): .*Index 10 out of bounds")
                .matcher(err).find(), err);
    }

    @Test
    void anApplyBodyFailingInAWorkerNamesTheApplyLineAndTheShard() throws IOException {
        String err = failedRun("let y = vector(5) { row() }\nlet X = matrix(10, 2) { row() }\n"
                + "let r = buffer(double, 2)\napply columns of X with y into r: cor(column, y)\n");
        assertTrue(Pattern.compile("t\\.shard:4:1: `apply columns of X with y into r: cor\\(column, y\\)` failed in"
                + " shard \\d+ \\(worker \\d+, pid \\d+, \\d+ attempts?\\): .*`y` holds 5 values but the slice has 10")
                .matcher(err).find(), err);
    }

    @Test
    void aListKernelFailingInAWorkerNamesTheApplyLineAndTheElement() throws IOException {
        String err = failedRun("let parts = [vector(4) { row() }, vector(5) { row() }, vector(6) { row() }]\n"
                + "let r = buffer(double, 3)\n"
                + "apply each of parts into r: kernel \"dev.shard.dsl.run.RangeElementKernel\" {scale = -1}\n");
        // Every element fails; which one runs out of attempts first depends on the workers' timing.
        var named = Pattern.compile("t\\.shard:3:1: `apply each of parts into r: kernel .*` failed in shard (\\d+)"
                + " \\(worker \\d+, pid \\d+, \\d+ attempts?\\): .*element (\\d+) of `parts`: .*scale must be positive")
                .matcher(err);
        assertTrue(named.find(), err);
        assertEquals(named.group(1), named.group(2), "the element named is the failed shard's: " + err);
    }

    @Test
    void aQueryFailureNamesTheKernelOnTheStackOrElseTheStagesSteps() {
        SourceText source = new SourceText("q.shard", "from generate(10) {x = row()}\nfilter x > 1\n"
                + "map kernel \"com.example.Bands\" {width = 2}\n");
        List<PlanStep> steps = List.of(new PlanStep("from", new SourceSpan("q.shard", 1, 6, 1, 30, 5, 29), ""),
                new PlanStep("filter", new SourceSpan("q.shard", 2, 1, 2, 13, 30, 42), ""),
                new PlanStep("map kernel", new SourceSpan("q.shard", 3, 1, 3, 42, 43, 84), "com.example.Bands"));
        ShardFailure inKernel = new ShardFailure(4, 3, 1, 77, "java.lang.IllegalStateException: bad band",
                "java.lang.IllegalStateException: bad band\n\tat com.example.Bands.map(Bands.java:12)\n");
        assertEquals("the step q.shard:3:1: `map kernel \"com.example.Bands\" {width = 2}`",
                FailureLocation.steps(source, steps, inKernel));
        ShardFailure elsewhere = new ShardFailure(0, 1, 0, 76, "java.lang.IllegalArgumentException: row 4294967296",
                "java.lang.IllegalArgumentException\n\tat dev.shard.planner.exec.GeneratedSource.next\n");
        assertEquals("the stage running lines 1–3 (from, filter, map kernel)",
                FailureLocation.steps(source, steps, elsewhere));
        assertEquals("shard 4 (worker 1, pid 77, 3 attempts): java.lang.IllegalStateException: bad band",
                FailureLocation.shard(inKernel));
    }
}
