package dev.shard.dsl.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shard.dsl.cli.ShardCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shard explain --analyze} runs a script's applies on real workers and shows what they
 * did beside the estimates, like a query's stages: calls, seconds, each worker's peak private
 * memory; in text and in JSON, in script order with the queries.
 */
@Timeout(300)
class ApplyAnalyzeTest {
    private static final String SCRIPT = """
            let X = matrix(2_000, 300) {random(stream = col())}
            let means = buffer(double, 300)
            apply columns of X into means: mean(column)
            let parts = [vector(1_000) {row()}, vector(10) {row()}]
            let sums = buffer(double, 2)
            apply each of parts into sums: sum(item)
            from generate(1_000) {x = row()} | group {} (aggregate {n = count()})
            """;

    @TempDir
    Path directory;

    private String explain(String format) throws IOException {
        Path script = directory.resolve("apply.shard");
        Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ShardCommand.execute(new String[] {"explain", "--analyze", "--format", format, "--workers", "2",
                script.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        return out.toString();
    }

    @Test
    void textShowsEachApplysActualsInScriptOrder() throws IOException {
        String text = explain("text");
        int columns = text.indexOf("/apply.shard:3:1 `apply columns of X into means: mean(column)`");
        int each = text.indexOf("/apply.shard:6:1 `apply each of parts into sums: sum(item)`");
        int query = text.indexOf("/apply.shard:7:1");
        assertTrue(columns >= 0 && columns < each && each < query, text);
        assertTrue(Pattern.compile("Apply — 300 calls \\(actual 300\\) \\(one per column of X\\), .*, est\\. peak"
                + " [0-9.]+ [KMG]iB/worker \\(actual [0-9.]+ [KMG]iB !?\\), [0-9.]+ [mµ]?s\\n").matcher(text).find(), text);
        assertTrue(Pattern.compile("  peak private per worker: w0 [0-9.]+ MiB, w1 [0-9.]+ MiB\\n").matcher(text).find(),
                text);
        assertTrue(Pattern.compile("in balanced shards on the pool; ran 2 calls in [0-9]+ shards?, [0-9.]+ [mµ]?s, peak"
                + " private per worker [0-9.]+ MiB, [0-9.]+ MiB\\n").matcher(text).find(), text);
    }

    @Test
    void jsonGivesTheApplyItsActualsBesideTheQuery() throws IOException {
        JsonNode parts = new ObjectMapper().readTree(explain("json"));
        assertEquals(2, parts.size(), "the apply and the query; an apply each has no plan in JSON");
        JsonNode apply = parts.get(0);
        assertEquals("matrixApply", apply.get("kind").asText());
        assertTrue(apply.get("analyzed").asBoolean());
        assertEquals(300, apply.get("actualCalls").asLong());
        assertEquals(apply.get("shards").asInt(), apply.get("actualShards").asInt());
        assertTrue(apply.get("seconds").asDouble() > 0, apply.toString());
        JsonNode peaks = apply.get("actualPeakPrivateBytesPerWorker");
        assertEquals(2, peaks.size(), apply.toString());
        for (JsonNode peak : peaks) {
            assertTrue(peak.asLong() > 1L << 20, "a worker JVM's private memory is megabytes: " + apply);
        }
        assertTrue(parts.get(1).get("stages").get(0).get("actualRows").asLong() > 0, "the query ran too: " + parts);
    }
}
