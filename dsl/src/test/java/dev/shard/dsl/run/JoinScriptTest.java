package dev.shard.dsl.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shard.dsl.cli.ShardCommand;
import dev.shard.planner.expr.Generator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shard run examples/join.shard} on real workers against the same query as a plain
 * loop: 5,000,000 orders joined to 1,000 customers, revenue by country, top 5. The
 * countries and order counts are exact; revenue is summed in another order by the loop,
 * so it agrees to 1e-12 relative. The values asserted in .ci/run come from here.
 */
@Timeout(300)
class JoinScriptTest {
    private static final Path EXAMPLES = Path.of("../examples").toAbsolutePath().normalize();

    @TempDir
    Path directory;

    /** The script's top 5 computed row by row: country, revenue, orders. */
    static List<double[]> topCountries() {
        long[] countryOf = new long[1_000];
        for (int id = 0; id < countryOf.length; id++) {
            countryOf[id] = Generator.randomInt(20, 7, id);
        }
        double[] revenue = new double[20];
        long[] orders = new long[20];
        for (long i = 0; i < 5_000_000; i++) {
            long country = countryOf[(int) Generator.randomInt(1_000, 8, i)];
            revenue[(int) country] += Generator.uniform(1, 500, 9, i);
            orders[(int) country]++;
        }
        List<double[]> rows = new ArrayList<>(IntStream.range(0, 20)
                .mapToObj(c -> new double[] {c, revenue[c], orders[c]}).toList());
        rows.sort(Comparator.comparingDouble((double[] row) -> -row[1]));
        return rows.subList(0, 5);
    }

    @Test
    void joinScriptFindsTheTopCountriesOfThePlainLoop() throws IOException {
        String text = Files.readString(EXAMPLES.resolve("join.shard"), StandardCharsets.UTF_8).replace("\"out/",
                "\"" + directory.resolve("out") + "/");
        Path script = directory.resolve("join.shard");
        Files.writeString(script, text, StandardCharsets.UTF_8);
        StringWriter err = new StringWriter();
        int exit = ShardCommand.execute(new String[] {"run", script.toString(), "--workers", "2"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, exit, err.toString());
        List<String> lines = Files.readAllLines(directory.resolve("out/top_countries.csv"));
        assertEquals("country,revenue,orders", lines.getFirst());
        List<double[]> expected = topCountries();
        assertEquals(6, lines.size(), String.join("\n", lines));
        for (int r = 0; r < 5; r++) {
            String[] cells = lines.get(r + 1).split(",");
            double[] want = expected.get(r);
            assertEquals((long) want[0], Long.parseLong(cells[0]), "country of line " + (r + 1));
            assertEquals(want[1], Double.parseDouble(cells[1]), Math.abs(want[1]) * 1e-12, "revenue of line " + (r + 1));
            assertEquals((long) want[2], Long.parseLong(cells[2]), "orders of line " + (r + 1));
        }
    }
}
