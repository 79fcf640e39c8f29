package dev.shard.runtime.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The tuner sits below everything else in the runtime: Shards.auto and the planner both use it. */
class TuneDependenciesTest {
    @Test
    void theTunePackageImportsNothingElseOfShard() throws IOException {
        Path sources = Path.of("src", "main", "java", "dev", "shard", "runtime", "tune");
        List<String> imports;
        try (Stream<Path> files = Files.list(sources)) {
            imports = files.flatMap(file -> {
                try {
                    return Files.readAllLines(file).stream().map(line -> file.getFileName() + ": " + line.trim());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).filter(line -> line.contains("import dev.shard.") || line.contains("import static dev.shard."))
                    .sorted().toList();
        }
        assertEquals(List.of(), imports);
    }
}
