package dev.shard.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleCatalogTest {
    private static final String SERVICES = "META-INF/services/" + ExampleProgram.class.getName();
    private static final String PROBE = ProbeExamples.Probe.class.getName();
    private static final String OTHER = ProbeExamples.Other.class.getName();

    @TempDir
    Path temporary;

    private record Outcome(int code, String out, String err) {
    }

    /** A loader whose jars hold both probes as services and, when {@code indexed}, in the index too. */
    private RecordingClassLoader loader(boolean indexed) throws Exception {
        Map<String, java.net.URL> served = new HashMap<>();
        Path services = Files.writeString(temporary.resolve("services"), PROBE + "\n" + OTHER + "\n");
        served.put(SERVICES, services.toUri().toURL());
        if (indexed) {
            Path index = Files.writeString(temporary.resolve("index"),
                    "# a comment\nprobe " + PROBE + "\nother-probe " + OTHER + "\n");
            served.put(ExampleCatalog.INDEX, index.toUri().toURL());
        }
        return new RecordingClassLoader(getClass().getClassLoader(), served);
    }

    private static Outcome run(ClassLoader loader, String... arguments) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Callable<Integer> command = () -> ShardCommand.execute(arguments, new PrintWriter(out, true), new PrintWriter(err, true));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return new Outcome(command.call(), out.toString(), err.toString());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void aNamedExampleComesFromTheIndexWithoutScanningTheJarsOrLoadingTheOtherPrograms() throws Exception {
        RecordingClassLoader loader = loader(true);
        Outcome outcome = run(loader, "example", "probe");
        assertEquals(ProbeExamples.PROBE_EXIT, outcome.code(), outcome.err());
        assertFalse(loader.resourcesScanned.contains(SERVICES), "the named path scanned the jars: " + loader.resourcesScanned);
        assertTrue(loader.classesLoaded.contains(PROBE), loader.classesLoaded.toString());
        assertFalse(loader.classesLoaded.contains(OTHER), "loaded a program it does not run: " + loader.classesLoaded);
    }

    @Test
    void theListingScansTheJarsAndIsTheSameWithOrWithoutTheIndex() throws Exception {
        String expected = "  other-probe  the second test program\n  probe        the first test program\n";
        for (boolean indexed : new boolean[] {true, false}) {
            RecordingClassLoader loader = loader(indexed);
            Outcome outcome = run(loader, "example", "--list");
            assertEquals(0, outcome.code(), outcome.err());
            assertEquals(expected, outcome.out().replace(System.lineSeparator(), "\n"));
            assertTrue(loader.resourcesScanned.contains(SERVICES), loader.resourcesScanned.toString());
        }
    }

    @Test
    void aProgramOnlyRegisteredAsAServiceStillRuns() throws Exception {
        Outcome outcome = run(loader(false), "example", "other-probe");
        assertEquals(ProbeExamples.OTHER_EXIT, outcome.code(), outcome.err());
    }

    @Test
    void anUnknownNameListsTheExamplesAndSuggestsTheClosest() throws Exception {
        for (boolean indexed : new boolean[] {true, false}) {
            Outcome outcome = run(loader(indexed), "example", "prbe");
            assertEquals(2, outcome.code());
            assertEquals(List.of("shard: no example named 'prbe'; the examples are: other-probe, probe",
                    "  did you mean 'probe'?"), outcome.err().lines().filter(line -> !line.isBlank()).toList());
        }
    }

    @Test
    void aMalformedIndexLineIsNamedWithItsLineAndTheExpectedForm() throws Exception {
        Path index = Files.writeString(temporary.resolve("bad-index"), "probe\n");
        ExampleCatalog catalog = new ExampleCatalog(new RecordingClassLoader(getClass().getClassLoader(),
                Map.of(ExampleCatalog.INDEX, index.toUri().toURL())));
        IllegalStateException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> catalog.named("probe"));
        assertTrue(error.getMessage().contains("line 1 is 'probe'; each line must be 'name fully.qualified.Class'"),
                error.getMessage());
    }
}
