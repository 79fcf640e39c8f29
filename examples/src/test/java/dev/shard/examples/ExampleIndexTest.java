package dev.shard.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.shard.dsl.cli.ExampleProgram;
import dev.shard.dsl.cli.ShardCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The examples' index ({@code META-INF/shard/examples.index}, read by the command line to run
 * one example by name) and their services file (read to list them) name the same programs,
 * and running one by name reads only the index.
 */
class ExampleIndexTest {
    private static final String INDEX = "META-INF/shard/examples.index";
    private static final String SERVICES = "META-INF/services/" + ExampleProgram.class.getName();

    @Test
    void theIndexNamesEveryServiceProgramUnderItsOwnName() throws IOException {
        Map<String, String> services = ServiceLoader.load(ExampleProgram.class).stream()
                .map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(ExampleProgram::name, program -> program.getClass().getName(),
                        (first, second) -> first, TreeMap::new));
        assertEquals(services, new TreeMap<>(index()));
    }

    @Test
    void runningColcorByNameScansNoJarAndLoadsNoOtherProgram() throws IOException {
        Recording loader = new Recording(getClass().getClassLoader());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        int code;
        try {
            // A bad option: colcor is found and run, and exits before any worker starts.
            code = ShardCommand.execute(new String[] {"example", "colcor", "--rows", "abc"},
                    new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            thread.setContextClassLoader(previous);
        }
        assertEquals(2, code, err.toString());
        assertFalse(loader.scanned.contains(SERVICES), "the named path scanned every jar: " + loader.scanned);
        Map<String, String> index = index();
        List<String> programsLoaded = loader.loaded.stream().filter(index::containsValue).distinct().toList();
        assertEquals(List.of("dev.shard.examples.colcor.ColcorProgram"), programsLoaded);
    }

    private static Map<String, String> index() throws IOException {
        URL resource = ExampleIndexTest.class.getClassLoader().getResource(INDEX);
        assertNotNull(resource, INDEX + " is missing from the examples module's resources");
        Map<String, String> entries = new TreeMap<>();
        try (InputStream stream = resource.openStream()) {
            new String(stream.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.split("\\s+"))
                    .forEach(words -> assertEquals(null, entries.put(words[0], words[1]), "twice: " + words[0]));
        }
        return entries;
    }

    /** Records the classes loaded through it and the resources looked up on every jar. */
    private static final class Recording extends ClassLoader {
        final List<String> loaded = Collections.synchronizedList(new ArrayList<>());
        final List<String> scanned = Collections.synchronizedList(new ArrayList<>());

        Recording(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            loaded.add(name);
            return super.loadClass(name, resolve);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            scanned.add(name);
            return super.getResources(name);
        }
    }
}
