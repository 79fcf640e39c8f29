package dev.shard.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.dsl.cli.ExampleProgram;
import dev.shard.examples.colcor.ColcorProgram;
import dev.shard.examples.tiny.TinyTasksProgram;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ExampleProgramsTest {
    @Test
    void theCommandLineFindsEveryProgramByName() {
        List<String> names = ServiceLoader.load(ExampleProgram.class).stream()
                .map(provider -> provider.get().name()).sorted().toList();
        assertEquals(List.of("colcor", "filter-agg", "groupagg", "quickstart", "startup-training", "tiny-tasks", "tips"),
                names);
    }

    @Test
    void badOptionsExitWithTwoAndSayWhatWhichAndHow() throws Exception {
        Object[][] table = {
                {new ColcorProgram(), new String[] {"--rows", "abc"},
                        "colcor: option --rows needs a whole number of at least 2, got 'abc' (for example --rows 10000)\n"},
                {new ColcorProgram(), new String[] {"--colums", "5"},
                        "colcor: unknown option '--colums'; colcor accepts --rows, --cols, --workers,"
                                + " --max-tasks-per-worker, --runs, --report-json\n"},
                {new TinyTasksProgram(), new String[] {"--memory-limit", "lots"},
                        "tiny-tasks: option --memory-limit: invalid size 'lots': use a whole number of bytes or a"
                                + " number with a unit, such as 512MiB, 2GiB or 1.5GiB"
                                + " (units: B, KiB, MiB, GiB, TiB, KB, MB, GB, TB)\n"},
                {new TinyTasksProgram(), new String[] {"--tasks"},
                        "tiny-tasks: option --tasks needs a value, such as --tasks 10000\n"},
        };
        for (Object[] row : table) {
            ExampleProgram program = (ExampleProgram) row[0];
            ProgramOutput output = ProgramOutput.run(program, (String[]) row[1]);
            assertEquals(2, output.exitCode(), output.describe());
            assertEquals("", output.out());
            assertEquals(row[2] + "run 'bin/shard example " + program.name() + " --help' to see every option\n",
                    output.err());
        }
    }

    @Test
    void helpPrintsEveryOptionAndExitsWithZero() throws Exception {
        ProgramOutput colcor = ProgramOutput.run(new ColcorProgram(), "--help");
        assertEquals(0, colcor.exitCode());
        assertTrue(colcor.out().startsWith("usage: bin/shard example colcor [--rows n] [--cols p] [--workers w]"
                + " [--max-tasks-per-worker k] [--runs k] [--report-json file]\n"), colcor.out());
        ProgramOutput tiny = ProgramOutput.run(new TinyTasksProgram(), "-h");
        assertEquals(0, tiny.exitCode());
        assertTrue(tiny.out().contains("--leak-kib-per-task k"), tiny.out());
    }
}
