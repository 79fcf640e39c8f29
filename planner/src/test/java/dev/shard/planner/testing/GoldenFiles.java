package dev.shard.planner.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file assertions: the expected text lives in a file under
 * {@code src/test/resources/golden/} of the module under test. Run with
 * {@code -Dgolden.update=true} to rewrite the files from the actual output, then review
 * the change as a diff. Self-contained so that other modules can copy it as it is.
 */
public final class GoldenFiles {
    public static final String UPDATE_PROPERTY = "golden.update";
    private static final Path ROOT = Path.of("src", "test", "resources", "golden");

    private GoldenFiles() {
    }

    /** Asserts that {@code actual} equals the file {@code name} (e.g. {@code explain/w2.txt}), or rewrites it. */
    public static void assertMatchesGolden(String name, String actual) {
        Path file = ROOT.resolve(name);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            write(file, actual);
            return;
        }
        if (!Files.exists(file)) {
            fail("no golden file " + file.toAbsolutePath() + ": run the test with -D" + UPDATE_PROPERTY
                    + "=true to create it, then review it");
        }
        assertEquals(read(file), actual, "output differs from " + file + " (run with -D" + UPDATE_PROPERTY
                + "=true to accept the new output, then review the diff)");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden file " + file, e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write golden file " + file, e);
        }
    }
}
