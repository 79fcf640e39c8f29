package dev.shard.examples.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExampleOptionsTest {
    private static final List<OptionSpec> SPECS = List.of(
            new OptionSpec("--rows", "n", "10000", "rows of X"),
            new OptionSpec("--memory-limit", "size", "512MiB", "recycle a worker above this"),
            new OptionSpec("--report-json", "file", "report.json", "write the run report"));

    @Test
    void valuesParseInBothFormsAndAbsentOptionsFallBack() throws Exception {
        ExampleOptions options = ExampleOptions.parse("demo", SPECS, List.of("--rows", "2000", "--memory-limit=1GiB"));
        assertEquals(2000, options.longValue("--rows", 5, 2));
        assertEquals(Optional.of(1L << 30), options.byteSize("--memory-limit"));
        assertEquals(Optional.empty(), options.path("--report-json"));
        assertFalse(options.helpRequested());
        ExampleOptions defaults = ExampleOptions.parse("demo", SPECS, List.of("--report-json", "out/r.json"));
        assertEquals(10_000, defaults.intValue("--rows", 10_000, 2));
        assertEquals(Optional.of(Path.of("out/r.json")), defaults.path("--report-json"));
        assertTrue(ExampleOptions.parse("demo", SPECS, List.of("--help")).helpRequested());
    }

    @Test
    void badCommandLinesAreRejectedWithWhatWhichAndHow() {
        String[][] table = {
                {"--rowz 5", "unknown option '--rowz'; demo accepts --rows, --memory-limit, --report-json"},
                {"--rows", "option --rows needs a value, such as --rows 10000"},
                {"--rows --report-json x", "option --rows needs a value, such as --rows 10000"},
                {"--rows 10 --rows 20", "option --rows is given twice; give it once"},
                {"extra", "unexpected argument 'extra': options start with --, such as --rows n"},
                {"--rows ten", "option --rows needs a whole number of at least 2, got 'ten' (for example --rows 10000)"},
                {"--rows 1", "option --rows needs a whole number of at least 2, got '1' (for example --rows 10000)"},
                {"--rows -4", "option --rows needs a whole number of at least 2, got '-4' (for example --rows 10000)"},
                {"--rows 99999999999", "option --rows needs a whole number from 2 to 2147483647, got '99999999999'"
                        + " (for example --rows 10000)"},
                {"--memory-limit 5 parsecs", "unexpected argument 'parsecs': options start with --, such as --rows n"},
                {"--memory-limit lots", "option --memory-limit: invalid size 'lots': use a whole number of bytes or a"
                        + " number with a unit, such as 512MiB, 2GiB or 1.5GiB (units: B, KiB, MiB, GiB, TiB, KB, MB, GB, TB)"},
                {"--memory-limit 0", "option --memory-limit needs a positive size, got '0' (for example --memory-limit 512MiB)"},
        };
        for (String[] row : table) {
            UsageException error = assertThrows(UsageException.class, () -> {
                ExampleOptions options = ExampleOptions.parse("demo", SPECS, List.of(row[0].split(" ")));
                options.intValue("--rows", 10, 2);
                options.byteSize("--memory-limit");
            }, row[0]);
            assertEquals(row[1], error.getMessage(), row[0]);
        }
    }

    @Test
    void usageListsEveryOptionWithItsDescription() {
        assertEquals("""
                usage: bin/shard example demo [--rows n] [--memory-limit size] [--report-json file]
                A demo.
                  --rows n             rows of X
                  --memory-limit size  recycle a worker above this
                  --report-json file   write the run report
                """, ExampleOptions.usage("demo", "A demo.", SPECS));
    }
}
