package dev.shard.dsl.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.dsl.cli.ShardCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code shard run} end to end on real worker JVMs: the acceptance scripts, their outputs and the exit codes. */
@Timeout(300)
class RunScriptTest {
    private static final Path EXAMPLES = Path.of("../examples").toAbsolutePath().normalize();

    @TempDir
    Path directory;

    private final StringWriter err = new StringWriter();

    private int shard(String... arguments) {
        return ShardCommand.execute(arguments, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    /** The script copied into the temporary directory, so its relative output path lands there. */
    private Path script(String name) throws IOException {
        String text = Files.readString(EXAMPLES.resolve(name), StandardCharsets.UTF_8).replace("\"out/",
                "\"" + directory.resolve("out") + "/");
        Path copy = directory.resolve(name);
        Files.writeString(copy, text, StandardCharsets.UTF_8);
        return copy;
    }

    @Test
    void quickstartWritesTheSameTableForOneAndTwoWorkers() throws IOException {
        Path script = script("quickstart.shard");
        assertEquals(0, shard("run", script.toString(), "-p", "rows=300_000", "--workers", "1"), err.toString());
        List<String> one = Files.readAllLines(directory.resolve("out/tips_by_pax.csv"));
        assertEquals(0, shard(script.toString(), "-p", "rows=300_000", "--workers", "2"), err.toString());
        List<String> two = Files.readAllLines(directory.resolve("out/tips_by_pax.csv"));
        assertEquals("pax,trips,avg_tip,max_fare", one.getFirst());
        assertEquals(7, one.size(), "a header and one line per passenger count");
        assertEquals(one, two);
        assertTrue(err.toString().contains("shard: done in"), err.toString());
    }

    @Test
    void colcorSumsToTheW1Checksum() throws IOException {
        assertEquals(0, shard("run", script("colcor.shard").toString(), "--workers", "2"), err.toString());
        double sum = Files.readAllLines(directory.resolve("out/colcor.csv")).stream().skip(1)
                .mapToDouble(Double::parseDouble).sum();
        assertEquals(7.971999041855e+02, sum, 1e-9);
    }

    @Test
    void exitCodesSayWhatWentWrong() throws IOException {
        assertEquals(2, shard("run", directory.resolve("missing.shard").toString()));
        Path bad = directory.resolve("bad.shard");
        Files.writeString(bad, "from generate(10) {x = row()}\nfilter y > 1\n");
        assertEquals(3, shard("run", bad.toString()));
        assertTrue(err.toString().contains("error[E0306]: no column `y`"), err.toString());
        Path good = directory.resolve("good.shard");
        Files.writeString(good, "from generate(10) {x = row()}\n");
        assertEquals(4, shard("run", good.toString(), "--memory-budget", "1MiB", "--workers", "1"), err.toString());
        assertEquals(2, shard("run", good.toString(), "--no-such-option"));
    }
}
