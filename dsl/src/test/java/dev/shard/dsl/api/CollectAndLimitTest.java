package dev.shard.dsl.api;

import static dev.shard.dsl.api.Functions.col;
import static dev.shard.dsl.api.Functions.lit;
import static dev.shard.dsl.api.Functions.random;
import static dev.shard.dsl.api.Functions.randomInt;
import static dev.shard.dsl.api.Functions.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.PlanException;
import dev.shard.planner.expr.Generator;
import dev.shard.planner.expr.NamedExpr;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.SegmentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Dataset#limit} and {@link Dataset#collect()} on real workers: a limit after a sort
 * keeps the first rows of the sorted order across shards, collect gives the rows as an Arrow
 * table of the engine's types, and a result above {@link Dataset#COLLECT_LIMIT_BYTES} is
 * refused with its size and the fix, leaving no stage files, segments or Arrow memory behind.
 */
@Tag("process")
@Timeout(300)
class CollectAndLimitTest {
    private static final String WORKER_MARKER = "-Dshard.worker=";

    @AfterEach
    void nothingLeftShared() throws IOException {
        assertEquals(List.of(), SegmentStore.shared().owned(), "segments left open");
        assertEquals(List.of(), stageDirectories(), "stage directories left behind");
    }

    @AfterAll
    static void noWorkersLeft() throws InterruptedException {
        assertEquals(List.of(), awaitNoWorkers(), "worker processes left running");
    }

    private static long score(long id) {
        return Generator.randomInt(1_000, 5, id);
    }

    @Test
    void aLimitAfterASortKeepsTheFirstRowsOfTheSortedOrderAcrossShards() {
        long rows = 50_000;
        List<long[]> expected = new ArrayList<>(LongStream.range(0, rows).mapToObj(id -> new long[] {id, score(id)})
                .toList());
        expected.sort(Comparator.comparingLong((long[] row) -> -row[1]).thenComparingLong(row -> row[0]));
        try (Session session = Shard.local().workers(2).open()) {
            // Five shards of 10,000 rows: the first rows of the order come from several of them.
            Dataset scored = session.generate(rows, col("id", row()), col("score", randomInt(1_000, 5)))
                    .shardRows(10_000).sort("-score", "id");
            try (VectorSchemaRoot top = scored.limit(7).collect()) {
                assertEquals(expected.subList(0, 7).stream().map(row -> List.of(row[0], row[1]).toString()).toList(),
                        idsAndScores(top));
            }
            try (VectorSchemaRoot all = scored.limit(rows + 1).collect()) {
                assertEquals(rows, all.getRowCount(), "a limit above the row count keeps every row");
                assertEquals(expected.getLast()[0], ((BigIntVector) all.getVector("id")).get((int) rows - 1));
            }
            try (VectorSchemaRoot none = scored.limit(0).collect()) {
                assertEquals(0, none.getRowCount(), "limit 0 keeps no row");
                assertEquals(List.of("id", "score"), fieldNames(none));
            }
        }
    }

    private static List<String> idsAndScores(VectorSchemaRoot root) {
        BigIntVector ids = (BigIntVector) root.getVector("id");
        BigIntVector scores = (BigIntVector) root.getVector("score");
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < root.getRowCount(); r++) {
            rows.add(List.of(ids.get(r), scores.get(r)).toString());
        }
        return rows;
    }

    private static List<String> fieldNames(VectorSchemaRoot root) {
        return root.getSchema().getFields().stream().map(org.apache.arrow.vector.types.pojo.Field::getName).toList();
    }

    @Test
    void collectGivesTheRowsAsAnArrowTableOfTheEngineTypesHeldUntilClosed() {
        try (Session session = Shard.local().workers(2).open()) {
            Dataset rows = session.generate(1_000, col("id", row()), col("value", random(3)), col("tag", lit("t")))
                    .filter(col("id").mod(100).eq(7))
                    .derive(col("id").mod(200).eq(7).as("low"), col("value").mul(2).as("twice"));
            try (VectorSchemaRoot collected = rows.collect()) {
                assertEquals(List.of("id", "value", "tag", "low", "twice"), fieldNames(collected));
                assertInstanceOf(BigIntVector.class, collected.getVector("id"));
                assertInstanceOf(Float8Vector.class, collected.getVector("value"));
                assertInstanceOf(VarCharVector.class, collected.getVector("tag"));
                assertInstanceOf(BitVector.class, collected.getVector("low"));
                assertEquals(10, collected.getRowCount());
                for (int r = 0; r < 10; r++) {
                    long id = 100L * r + 7;
                    double value = Generator.uniform(3, id);
                    assertEquals(id, ((BigIntVector) collected.getVector("id")).get(r), "id of row " + r);
                    assertEquals(value, ((Float8Vector) collected.getVector("value")).get(r), "value of row " + r);
                    assertEquals("t", collected.getVector("tag").getObject(r).toString(), "tag of row " + r);
                    assertEquals(r % 2 == 0 ? 1 : 0, ((BitVector) collected.getVector("low")).get(r), "low of row " + r);
                    assertEquals(value * 2, ((Float8Vector) collected.getVector("twice")).get(r), "twice of row " + r);
                }
                assertTrue(session.allocator().getAllocatedMemory() > 0,
                        "the collected table lives in the session's allocator until the caller closes it");
            }
            assertEquals(0, session.allocator().getAllocatedMemory(), "closing the table returns its memory");
        }
    }

    /** Eight DOUBLE columns of 8 bytes: one row more than 256 MiB / 64 B is one row too many. */
    @Test
    void collectAboveTheLimitIsRefusedNamingTheSizeAndTheFixAndLeavesNothingBehind() throws IOException {
        long rows = Dataset.COLLECT_LIMIT_BYTES / 64 + 1;
        NamedExpr[] columns = new NamedExpr[8];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = col("c" + c, random(c + 1));
        }
        try (Session session = Shard.local().workers(2).open()) {
            Dataset wide = session.generate(rows, columns);
            PlanException refused = assertThrows(PlanException.class, wide::collect);
            assertEquals("collect: the result has 4194305 rows (about 268435520 bytes), above the 268435456-byte"
                    + " limit of collect()", refused.getMessage());
            assertEquals("write it to a file with write(path), or aggregate or limit it first", refused.hint());
            assertEquals(0, session.allocator().getAllocatedMemory(), "no Arrow memory held for the refused rows");
            assertEquals(List.of(), stageDirectories(), "the refused run's stage files are gone");
            assertEquals(List.of(), SegmentStore.shared().owned(), "no segment is left open by the refused run");
            try (VectorSchemaRoot limited = wide.select("c0").limit(3).collect()) {
                assertEquals(3, limited.getRowCount(), "the session still serves after the refusal");
                assertEquals(Generator.uniform(1, 2), ((Float8Vector) limited.getVector("c0")).get(2));
            }
        }
    }

    private static List<String> stageDirectories() throws IOException {
        Path run = SegmentStore.shared().runDirectory(Backing.SHM);
        if (!Files.isDirectory(run)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(run)) {
            return entries.map(path -> path.getFileName().toString()).filter(name -> name.startsWith("stage-"))
                    .toList();
        }
    }

    /** Waits (up to ~10 s) until no child of this JVM is a shard worker; returns those still alive. */
    private static List<ProcessHandle> awaitNoWorkers() throws InterruptedException {
        for (int attempt = 0; attempt < 100 && !workers().isEmpty(); attempt++) {
            Thread.sleep(100);
        }
        return workers();
    }

    private static List<ProcessHandle> workers() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(child -> child.info().arguments().map(List::of).orElse(List.of()).stream()
                        .anyMatch(argument -> argument.startsWith(WORKER_MARKER)))
                .toList();
    }
}
