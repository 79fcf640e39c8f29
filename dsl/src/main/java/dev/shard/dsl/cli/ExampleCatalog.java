package dev.shard.dsl.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Where {@code bin/shard example} finds its programs. A named example is looked up in the
 * index its module ships ({@value #INDEX}: one {@code name class} pair per line), so a cold
 * command loads that one program class and opens no jar it does not already need. Listing
 * every example asks {@link ServiceLoader}, which reads {@code META-INF/services} from every
 * jar on the class path (about 20 for {@code bin/shard}, 30–90 ms of a cold command) and
 * builds every program; that scan is also the fallback for a name the index does not hold,
 * so a program registered only as a service (another jar on the class path) still runs.
 * {@code ExampleIndexTest} in the examples module keeps the index and the services file equal.
 */
final class ExampleCatalog {
    /** Found with {@link ClassLoader#getResource}: the first jar holding it, never a scan of all. */
    static final String INDEX = "META-INF/shard/examples.index";

    private final ClassLoader loader;

    ExampleCatalog(ClassLoader loader) {
        this.loader = loader;
    }

    /** The catalog of the loader {@link ServiceLoader#load(Class)} would use: the thread's context loader. */
    static ExampleCatalog ofContext() {
        return new ExampleCatalog(Thread.currentThread().getContextClassLoader());
    }

    /** The program called {@code name}: from the index, else from the services scan; empty when neither has it. */
    Optional<ExampleProgram> named(String name) throws IOException {
        String className = index().get(name);
        if (className != null) {
            return Optional.of(instantiate(name, className));
        }
        return all().stream().filter(program -> program.name().equals(name)).findFirst();
    }

    /** Every program, sorted by name: the full scan, for listings and the unknown-name error. */
    List<ExampleProgram> all() {
        return ServiceLoader.load(ExampleProgram.class, loader).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(ExampleProgram::name))
                .toList();
    }

    /** Name to class name, in file order; empty when no jar ships an index (a bare dsl class path). */
    Map<String, String> index() throws IOException {
        URL resource = loader.getResource(INDEX);
        Map<String, String> entries = new LinkedHashMap<>();
        if (resource == null) {
            return entries;
        }
        try (InputStream stream = resource.openStream();
                BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                String[] words = entry.split("\\s+");
                if (words.length != 2) {
                    throw new IllegalStateException("the example index " + resource + " line " + lineNumber
                            + " is '" + entry + "'; each line must be 'name fully.qualified.Class'");
                }
                entries.putIfAbsent(words[0], words[1]);
            }
        }
        return entries;
    }

    private ExampleProgram instantiate(String name, String className) {
        try {
            Class<? extends ExampleProgram> type = Class.forName(className, true, loader).asSubclass(ExampleProgram.class);
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("the example index " + INDEX + " names " + className + " for '" + name
                    + "', which is not a public ExampleProgram with a public no-argument constructor on the class path ("
                    + e + "); rebuild with ./mvnw -B package, or fix the index next to the services file", e);
        }
    }
}
