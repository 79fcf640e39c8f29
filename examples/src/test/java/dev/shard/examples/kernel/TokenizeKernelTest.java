package dev.shard.examples.kernel;

import static dev.shard.dsl.api.Functions.count;
import static dev.shard.dsl.api.Functions.countDistinct;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shard.dsl.api.Dataset;
import dev.shard.dsl.api.Result;
import dev.shard.dsl.api.Shard;
import dev.shard.dsl.cli.ShardCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tokenizer kernel on real workers (1 and 3, several shards of a shared CSV table),
 * through the fluent API and through {@code map kernel} in a script, against a plain loop.
 */
@Tag("process")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TokenizeKernelTest {
    private static final String[] WORDS = {"Arrow", "shard", "worker", "join", "Kernel", "block", "the"};
    private static final int ROWS = 150_000;

    @TempDir
    Path directory;

    /** id and text: up to six words, some lines blank, some text empty (null in CSV). */
    private Path csv() throws IOException {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder("id,text\n");
        for (int id = 0; id < ROWS; id++) {
            int words = random.nextInt(7);
            List<String> line = new ArrayList<>();
            for (int w = 0; w < words; w++) {
                line.add(WORDS[random.nextInt(WORDS.length)]);
            }
            text.append(id).append(',').append(words == 0 && id % 2 == 0 ? "" : "x" + String.join(" ", line))
                    .append('\n');
        }
        Path file = directory.resolve("lines.csv");
        Files.writeString(file, text);
        return file;
    }

    /** The kernel's output by a plain loop over the file: id, token, position. */
    private static List<List<Object>> reference(Path csv, boolean lower) throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv).subList(1, ROWS + 1)) {
            String[] cells = line.split(",", -1);
            long position = 0;
            for (String word : cells[1].trim().split("\\s+")) {
                if (!word.isEmpty()) {
                    rows.add(List.of(Long.parseLong(cells[0]), lower ? word.toLowerCase(Locale.ROOT) : word,
                            position++));
                }
            }
        }
        return rows;
    }

    @Test
    void tokensMatchThePlainLoopOnOneAndThreeWorkers() throws IOException {
        Path csv = csv();
        List<List<Object>> expected = reference(csv, true);
        Map<String, Serializable> parameters = Map.of("column", "text", "lower", true);
        for (int workers : new int[] {1, 3}) {
            try (var session = Shard.local().workers(workers).open()) {
                Dataset tokens = session.readCsv(csv).mapKernel(TokenizeKernel.class, parameters, 64);
                Result result = tokens.execute();
                List<List<Object>> actual = new ArrayList<>();
                for (int r = 0; r < result.table().rows(); r++) {
                    actual.add(result.table().row(r));
                }
                assertEquals(expected.size(), actual.size(), workers + " workers");
                assertEquals(expected, actual, workers + " workers");
                Result distinct = tokens.groupBy().aggregate(count("tokens"), countDistinct("token").as("words"))
                        .execute();
                assertEquals(List.of((long) expected.size(), expected.stream().map(row -> row.get(1)).distinct()
                        .count()), distinct.table().row(0), workers + " workers, count_distinct");
            }
        }
    }

    @Test
    void theScriptFormRunsTheKernel() throws IOException {
        Path csv = csv();
        Path script = directory.resolve("tokens.shard");
        Path out = directory.resolve("words.csv");
        Files.writeString(script, "from \"" + csv + "\"\n"
                + "map kernel \"dev.shard.examples.kernel.TokenizeKernel\" {column = \"text\", lower = false}\n"
                + "group {token} (aggregate {n = count()})\n"
                + "sort {token}\n"
                + "write \"" + out + "\"\n");
        StringWriter err = new StringWriter();
        int exit = ShardCommand.execute(new String[] {"run", script.toString(), "--workers", "2"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, exit, err.toString());
        java.util.TreeMap<String, Long> counts = new java.util.TreeMap<>();
        reference(csv, false).forEach(row -> counts.merge((String) row.get(1), 1L, Long::sum));
        List<String> lines = new ArrayList<>(List.of("token,n"));
        counts.forEach((word, n) -> lines.add(word + "," + n));
        assertEquals(lines, Files.readAllLines(out));
    }
}
