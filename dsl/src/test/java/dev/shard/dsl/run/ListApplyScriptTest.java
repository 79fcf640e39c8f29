package dev.shard.dsl.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.dsl.cli.ShardCommand;
import dev.shard.planner.expr.Generator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply each} (memLapply) end to end on real workers: examples/lapply.shard writes the
 * checked-in means and standard deviations for 1 and 3 workers, and they agree with a plain
 * loop over the same generated values; a kernel named by class runs once per element.
 */
@Timeout(300)
class ListApplyScriptTest {
    private static final Path EXAMPLES = Path.of("../examples").toAbsolutePath().normalize();
    private static final Path GOLDEN = EXAMPLES.resolve("src/test/resources/golden/examples");

    @TempDir
    Path directory;

    private final StringWriter err = new StringWriter();

    private void run(Path script, int workers) {
        int exit = ShardCommand.execute(new String[] {"run", script.toString(), "--workers", Integer.toString(workers)},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, exit, err.toString());
    }

    private Path script(String name, String text) throws IOException {
        Path script = directory.resolve(name);
        Files.writeString(script, text.replace("\"out/", "\"" + directory.resolve("out") + "/"), StandardCharsets.UTF_8);
        return script;
    }

    private String output(String name) throws IOException {
        return Files.readString(directory.resolve("out").resolve(name), StandardCharsets.UTF_8);
    }

    /** The example's four elements, value by value, as the script defines them. */
    static List<double[]> elements() {
        double[] first = new double[1_000];
        Arrays.setAll(first, row -> Generator.uniform(1, row));
        double[] second = new double[2_000];
        Arrays.setAll(second, row -> Generator.uniform(-1, 1, 2, row) + 0.5 * Generator.normal(9, row));
        double[] third = new double[2_000];
        Arrays.setAll(third, row -> Generator.normal(3, row));
        double[] matrix = new double[500 * 4];
        Arrays.setAll(matrix, cell -> Generator.uniform(cell / 500 + 4, cell % 500) * (cell / 500 + 1));
        return List.of(first, second, third, matrix);
    }

    @Test
    void lapplyExampleWritesTheGoldenStatisticsForOneAndThreeWorkers() throws IOException {
        Path script = script("lapply.shard", Files.readString(EXAMPLES.resolve("lapply.shard"), StandardCharsets.UTF_8));
        run(script, 1);
        String means = output("lapply_means.csv");
        String sds = output("lapply_sds.csv");
        run(script, 3);
        assertEquals(means, output("lapply_means.csv"), "the means are the same for 1 and 3 workers");
        assertEquals(sds, output("lapply_sds.csv"), "the standard deviations are the same for 1 and 3 workers");
        assertEquals(Files.readString(GOLDEN.resolve("lapply_means.csv"), StandardCharsets.UTF_8), means);
        assertEquals(Files.readString(GOLDEN.resolve("lapply_sds.csv"), StandardCharsets.UTF_8), sds);

        List<String> meanLines = means.lines().toList();
        List<String> sdLines = sds.lines().toList();
        List<double[]> elements = elements();
        assertEquals(elements.size() + 1, meanLines.size(), means);
        for (int index = 0; index < elements.size(); index++) {
            double[] values = elements.get(index);
            double mean = Arrays.stream(values).sum() / values.length;
            double squares = Arrays.stream(values).map(value -> (value - mean) * (value - mean)).sum();
            double sd = Math.sqrt(squares / (values.length - 1));
            assertEquals(mean, Double.parseDouble(meanLines.get(index + 1)), 1e-12, "mean of element " + index);
            assertEquals(sd, Double.parseDouble(sdLines.get(index + 1)), 1e-12, "sd of element " + index);
        }
    }

    @Test
    void aGeneratedListMakesElementsOfGrowingSizesTheSameForOneAndThreeWorkers() throws IOException {
        Path script = script("generated.shard", """
                param k = 6
                let parts = list(k) { vector(250 * (index() + 1)) { uniform(0, 2, stream = index() + 20) + index() } }
                let grids = list(2) { matrix(3, index() + 1) { row() + 10 * col() } }
                let means = buffer(double, k)
                let sums = buffer(double, 2)
                apply each of parts into means: mean(item)
                apply each of grids into sums: sum(item)
                write means "out/means.csv"
                write sums "out/sums.csv"
                """);
        run(script, 1);
        String one = output("means.csv");
        run(script, 3);
        assertEquals(one, output("means.csv"), "the same for 1 and 3 workers");
        List<String> lines = one.lines().toList();
        assertEquals(7, lines.size(), one);
        for (int index = 0; index < 6; index++) {
            final int element = index;
            double[] values = new double[250 * (index + 1)];
            Arrays.setAll(values, row -> Generator.uniform(0, 2, element + 20, row) + element);
            assertEquals(Arrays.stream(values).sum() / values.length, Double.parseDouble(lines.get(index + 1)), 1e-12,
                    "mean of element " + index);
        }
        // Rows 0..2 plus 10 × column: 3 cells of column 0 sum to 3; a second column adds 3 + 30.
        assertEquals(List.of("sums", "3.0", "36.0"), output("sums.csv").lines().toList());
    }

    @Test
    void kernelAndSideVectorBodiesRunOncePerElement() throws IOException {
        Path script = script("each.shard", """
                param n = 300
                let y = vector(n) { normal(stream = 1) }
                let a = vector(n) { y[row()] * 2 + 1 }
                let parts = [a, vector(n) { normal(stream = 2) }, vector(n) { row() },]
                let ranges = buffer(double, 3)
                let cors = buffer(double, 3)
                let short = vector(7) { row() }
                let sums = buffer(double, 3)
                apply each of parts into ranges: kernel "dev.shard.dsl.run.RangeElementKernel" {scale = 2}
                apply each of parts with y into cors: cor(item, y)
                apply each of parts with short into sums: sum(item)
                write ranges "out/ranges.csv"
                write cors "out/cors.csv"
                write sums "out/sums.csv"
                """);
        run(script, 2);
        List<String> ranges = output("ranges.csv").lines().toList();
        List<String> cors = output("cors.csv").lines().toList();
        assertEquals(List.of("ranges", "cors"), List.of(ranges.getFirst(), cors.getFirst()));
        assertEquals(2.0 * 299, Double.parseDouble(ranges.get(3)), 0, "range of row() over 300 rows, scaled by 2");
        double[] y = new double[300];
        Arrays.setAll(y, row -> Generator.normal(1, row));
        double yRange = Arrays.stream(y).max().orElseThrow() - Arrays.stream(y).min().orElseThrow();
        assertEquals(2 * 2 * yRange, Double.parseDouble(ranges.get(1)), 1e-12, "a = 2y + 1 spans twice y's range");
        assertEquals(1.0, Double.parseDouble(cors.get(1)), 1e-12, "a is a linear function of y");
        assertEquals(299.0 * 300 / 2, Double.parseDouble(output("sums.csv").lines().toList().get(3)), 0,
                "a side vector the body does not pair with the element may have any length");
        double independent = Double.parseDouble(cors.get(2));
        assertTrue(Math.abs(independent) < 0.2, "streams 1 and 2 are independent: " + independent);
    }
}
