package dev.shard.examples.colcor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.dsl.cli.ShardCommand;
import dev.shard.examples.ProgramOutput;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code shard --timings example colcor}: the example's phases and the run report's figures in one table. */
@Tag("process")
@Timeout(180)
class ColcorTimingsTest {
    private static final Pattern ROW = Pattern.compile("^  (\\S.*?)\\s+(\\d+\\.\\d{3})( +\\d+\\.\\d{3}| +)$");

    @AfterEach
    void noWorkerIsLeft() throws Exception {
        ProgramOutput.awaitNoChildren(Duration.ofSeconds(20));
    }

    @Test
    void everyPhaseOfTheRunIsTimedAndThePhasesAddUpToTheWallTime() {
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int code = ShardCommand.execute(new String[] {"--timings", "example", "colcor", "--rows", "2000", "--cols", "50",
                "--workers", "2"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        double wall = (System.nanoTime() - start) / 1e9;
        assertEquals(0, code, err.toString());

        List<String> names = List.of("command line: options, finding the command", "example colcor: options and set-up",
                "pool start: 2 workers spawned", "data set-up: X, y, r allocated, y filled (driver, while workers start)",
                // The driver makes columns while the workers start only when a core is left for it.
                Runtime.getRuntime().availableProcessors() > 2
                        ? "data generation: X by the driver until the workers connect, then by the workers"
                        : "data generation: waiting for the workers to connect, then X by the workers",
                "compute: the shardMap call", "teardown: checks, output, pool and data closed");
        double phases = 0;
        double allPhases = 0;
        double total = -1;
        int found = 0;
        for (String line : err.toString().lines().toList()) {
            Matcher row = ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            double took = Double.parseDouble(row.group(2));
            if (row.group(1).startsWith("total")) {
                total = took;
                continue;
            }
            if (!line.startsWith("    ")) {
                allPhases += took;
            }
            if (names.contains(row.group(1))) {
                assertEquals(names.get(found), row.group(1), "phases in order:\n" + err);
                found++;
                phases += took;
            }
        }
        assertEquals(names.size(), found, "every phase is printed:\n" + err);
        assertTrue(err.toString().contains("    run report: compute (start to last shard)"), err.toString());
        // The CPU of each side, read before the pool stops: a test JVM and two workers have used some.
        assertTrue(cpuSeconds(err.toString(), "CPU so far: driver JVM") > 0, err.toString());
        assertTrue(cpuSeconds(err.toString(), "CPU so far: worker JVMs together") > 0, err.toString());
        // Each row is rounded to a millisecond. In a test JVM the first row is this process's start until now.
        assertEquals(total, allPhases, 0.001 * (names.size() + 1), "the phases cover the command:\n" + err);
        assertTrue(phases >= wall * 0.9 && phases <= wall + 0.01,
                "the command's phases took " + phases + " s of the call's " + wall + " s:\n" + err);
    }

    private static double cpuSeconds(String timings, String name) {
        // A figure's row: indented under its phase, the name, then seconds.
        return timings.lines().map(String::strip).filter(line -> line.startsWith(name))
                .mapToDouble(line -> Double.parseDouble(line.substring(name.length()).strip())).findFirst().orElse(-1);
    }
}
