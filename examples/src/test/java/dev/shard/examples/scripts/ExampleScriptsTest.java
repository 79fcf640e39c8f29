package dev.shard.examples.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.dsl.api.Session;
import dev.shard.dsl.api.Shard;
import dev.shard.dsl.check.ScriptChecker;
import dev.shard.examples.kernel.TipBandKernel;
import dev.shard.examples.tips.TipsProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every example script of examples/ runs on real workers and its output is the checked-in one. */
@Timeout(300)
class ExampleScriptsTest {
    @TempDir
    Path directory;

    private String file(String relative) throws IOException {
        return Files.readString(directory.resolve(relative), StandardCharsets.UTF_8);
    }

    @Test
    void quickstartAndTheFluentApiProgramWriteTheSameTable() throws IOException {
        ExampleScripts.run("quickstart.shard", directory, 2, "rows=300_000");
        String script = file("out/tips_by_pax.csv");
        ExampleScripts.assertGolden("quickstart-300k.csv", script);
        Path api = directory.resolve("api.csv");
        try (Session session = Shard.local().workers(2).open()) {
            TipsProgram.query(session, 300_000).write(api);
        }
        assertEquals(script, Files.readString(api, StandardCharsets.UTF_8), "the fluent API builds the same plan");
    }

    @Test
    void colcorWritesOneCorrelationPerColumn() throws IOException {
        ExampleScripts.run("colcor.shard", directory, 2, "n=1_000", "p=40");
        ExampleScripts.assertGolden("colcor-1000x40.csv", file("out/colcor.csv"));
    }

    @Test
    void bootstrapIsTheSameForOneAndThreeWorkers() throws IOException {
        ExampleScripts.run("bootstrap.shard", directory, 1);
        String one = file("out/bootstrap_means.csv");
        ExampleScripts.run("bootstrap.shard", directory, 3);
        assertEquals(one, file("out/bootstrap_means.csv"));
        ExampleScripts.assertGolden("bootstrap_means.csv", one);
    }

    @Test
    void arrowFilePipelineGroupsAFileWrittenByDuckDbAndPyarrow() throws IOException {
        ExampleScripts.assertGolden("arrow_file.txt", ExampleScripts.run("arrow_file.shard", directory, 2));
    }

    @Test
    void mapKernelScriptChecksWithTheKernelFoundByName() throws IOException {
        var result = ExampleScripts.check(ExampleScripts.source("map_kernel.shard", directory), directory, List.of());
        assertEquals("", ScriptChecker.render(result));
        assertTrue(result.lowered().isPresent());
        assertTrue(TipBandKernel.outputSchema(new dev.shard.planner.type.Schema(List.of(
                dev.shard.planner.type.Field.of("tip_pct", dev.shard.planner.type.DataType.DOUBLE))),
                java.util.Map.of("width", 0.05)).names().contains("band"));
    }

    @Test
    void joinScriptWritesTheTopCountriesWithItsLetRunOnce() throws IOException {
        ExampleScripts.run("join.shard", directory, 2);
        ExampleScripts.assertGolden("top_countries.csv", file("out/top_countries.csv"));
    }

    /**
     * A filter and a derive over the aggregation's result, on the driver: 1 and 3 workers write
     * the same file, and every row kept has at least rows / 30 orders and its revenue per order.
     */
    @Test
    void havingScriptKeepsTheBusyCountriesAndDerivesTheirRevenuePerOrder() throws IOException {
        ExampleScripts.run("having.shard", directory, 3, "rows=600_000");
        String three = file("out/busy_countries.csv");
        ExampleScripts.run("having.shard", directory, 1, "rows=600_000");
        assertEquals(three, file("out/busy_countries.csv"));
        List<String> lines = three.lines().toList();
        assertEquals("country,orders,per_order", lines.getFirst());
        assertTrue(lines.size() > 5 && lines.size() < 30, "some of the 30 countries are kept: " + lines.size());
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(Long.parseLong(line.split(",")[1]) >= 20_000, line);
        }
        ExampleScripts.assertGolden("busy_countries.csv", three);
    }

    /** About 865K users: the partials go to a merge stage in the workers; 1 and 3 workers write the same file. */
    @Test
    void usersScriptMergesItsManyGroupsInTheWorkers() throws IOException {
        ExampleScripts.run("users.shard", directory, 3);
        String three = file("out/top_spenders.csv");
        ExampleScripts.run("users.shard", directory, 1);
        assertEquals(three, file("out/top_spenders.csv"));
        ExampleScripts.assertGolden("top_spenders.csv", three);
    }

    /** The matrix is filled in the workers and scanned in place; 1 and 3 workers print the same table. */
    @Test
    void matrixTableScansAScriptMatrixAsATable() throws IOException {
        String three = ExampleScripts.run("matrix_table.shard", directory, 3, "n=300_000");
        assertEquals(three, ExampleScripts.run("matrix_table.shard", directory, 1, "n=300_000"));
        ExampleScripts.assertGolden("matrix_table-300k.txt", three);
    }

    @Test
    void mapKernelScriptCountsTripsPerTipBand() throws IOException {
        ExampleScripts.assertGolden("map_kernel.txt", ExampleScripts.run("map_kernel.shard", directory, 2));
    }
}
