package dev.shard.bench;

import dev.shard.dsl.api.Dataset;
import dev.shard.dsl.api.Session;
import dev.shard.dsl.api.Shard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The workers' AOT cache the engine benchmarks run with: recorded by an engine session of this
 * run, in a directory of its own, before anything is measured. A pool's first worker records the
 * cache from what its pool runs, so without this the measured session was itself the recording
 * pool (a rebuilt benchmark jar is a new cache) and ran without a cache: W2 from generated rows,
 * queries 5-11 of a fresh session, medians 84-104 ms recording against 73-75 ms on a cache an
 * earlier W2 session recorded (bench/results/2026-12-03-engine-cache.md). A program that embeds
 * the engine has such a cache from its second run on.
 */
final class EngineWorkersCache implements AutoCloseable {
    private static final String DIRECTORY_PROPERTY = "shard.aot.dir";
    private static final String AWAIT_PROPERTY = "shard.aot.await";
    /** Queries of each workload: enough for the stage kernels to reach C2 in the recording worker. */
    static final int QUERIES = 12;
    /** The Arrow files' rows: their queries' profile, not their time, is what the cache needs. */
    static final long FILE_ROWS = 4_000_000;

    private final Path directory;
    private final String description;

    private EngineWorkersCache(Path directory, String description) {
        this.directory = directory;
        this.description = description;
    }

    /**
     * Points this JVM's pools at a new cache directory, records the cache there with the queries
     * the benchmark measures, in its order: W2 from {@code rows} generated rows and from an Arrow
     * file, then W3 the same ({@link #QUERIES} rounds each, {@code workers} workers,
     * {@code budgetBytes}; the files of at most {@link #FILE_ROWS} rows, written in
     * {@code dataParent} and removed), and has the next pool wait for its assembly. A cache of the
     * generated queries alone made the Arrow-file queries slower than on no cache at all (W2 from
     * the file 106 against 82 ms): the kernels were compiled at their first call for the arrays
     * the profile had seen, not for the mapping. Left as it is when the caller set either
     * property itself.
     */
    static EngineWorkersCache record(int workers, long budgetBytes, long rows, Path dataParent) throws Exception {
        if (System.getProperty(DIRECTORY_PROPERTY) != null || System.getProperty(AWAIT_PROPERTY) != null) {
            return new EngineWorkersCache(null, "Workers start from the AOT cache as -D" + DIRECTORY_PROPERTY
                    + " / -D" + AWAIT_PROPERTY + " on the command line left it (none recorded for this run).");
        }
        Path directory = Files.createTempDirectory("shard-engine-aot-");
        System.setProperty(DIRECTORY_PROPERTY, directory.toString());
        System.setProperty(AWAIT_PROPERTY, "true");
        long started = System.nanoTime();
        int fileRows = (int) Math.min(rows, FILE_ROWS);
        Files.createDirectories(dataParent);
        Path files = Files.createTempDirectory(dataParent, "shard-engine-cache-");
        try (Session session = Shard.local().workers(workers).memoryBudget(budgetBytes).open()) {
            Path w2 = files.resolve("w2.arrow");
            WorkloadArrays.GroupAggregate.generate(fileRows).writeArrow(w2);
            rounds(EngineQueries.groupAggregate(EngineQueries.groupAggregateSource(session, rows)),
                    EngineQueries.groupAggregate(EngineQueries.arrowFile(session, w2)));
            Files.delete(w2);
            Path w3 = files.resolve("w3.arrow");
            WorkloadArrays.FilterDerive.generate(fileRows).writeArrow(w3);
            rounds(EngineQueries.filterDerive(EngineQueries.filterDeriveSource(session, rows)),
                    EngineQueries.filterDerive(EngineQueries.arrowFile(session, w3)));
            Files.delete(w3);
        } catch (Exception | Error e) {
            System.clearProperty(DIRECTORY_PROPERTY);
            System.clearProperty(AWAIT_PROPERTY);
            delete(directory);
            throw e;
        } finally {
            delete(files);
        }
        return new EngineWorkersCache(directory, String.format(Locale.ROOT, "Workers start from an AOT cache"
                + " recorded by this run before anything was measured: one session of %d rounds of W2 from %,d"
                + " generated rows and from an Arrow file of %,d rows, then the same of W3 (%.1f s); the first"
                + " measured pool waited for its assembly. The scan's query is not in it.", QUERIES, rows, fileRows,
                (System.nanoTime() - started) / 1e9));
    }

    /** {@link #QUERIES} rounds of a query from generated rows, then from a file, as the benchmark interleaves them. */
    private static void rounds(Dataset generated, Dataset fromFile) {
        for (int query = 0; query < QUERIES; query++) {
            generated.execute();
            fromFile.execute();
        }
    }

    /** One sentence for the report: which cache the workers started from. */
    String describe() {
        return description;
    }

    @Override
    public void close() throws IOException {
        if (directory != null) {
            delete(directory);
        }
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
