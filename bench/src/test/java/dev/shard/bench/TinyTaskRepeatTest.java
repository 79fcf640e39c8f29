package dev.shard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm-up breakdown runs checked tiny-task runs on real workers and names each group's CPU by thread. */
class TinyTaskRepeatTest {
    @Test
    void printsEachGroupsWallTimesAndCpuPerRunOfDriverAndWorkers() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        TinyTaskRepeat.run(8, 2_000, new PrintStream(printed, true, StandardCharsets.UTF_8));
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        List<String> groups = lines.stream().filter(line -> line.startsWith("runs ")).toList();
        assertEquals(List.of("runs 1-1", "runs 2-2", "runs 3-7", "runs 8-8"),
                groups.stream().map(line -> line.substring(0, line.indexOf(','))).toList(), lines.toString());
        assertTrue(groups.getLast().matches("runs 8-8, wall ms: \\d+\\.\\d"), groups.getLast());
        assertEquals(4, lines.stream().filter(line -> line.startsWith("  driver CPU ms per run: total ")).count());
        assertEquals(4, lines.stream().filter(line -> line.startsWith("  workers CPU ms per run: total ")).count());
    }
}
