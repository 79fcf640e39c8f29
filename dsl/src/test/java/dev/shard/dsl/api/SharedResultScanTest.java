package dev.shard.dsl.api;

import static dev.shard.dsl.api.Functions.col;
import static dev.shard.dsl.api.Functions.count;
import static dev.shard.dsl.api.Functions.randomInt;
import static dev.shard.dsl.api.Functions.row;
import static dev.shard.dsl.api.Functions.sum;
import static dev.shard.dsl.api.Functions.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.expr.Generator;
import dev.shard.planner.logical.JoinType;
import dev.shard.planner.logical.TableSource;
import dev.shard.planner.physical.PhysicalPlan;
import dev.shard.storage.segment.SegmentStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fluent API's counterpart of a script's {@code let}: a result kept in shared memory
 * ({@link Session#share}) is scanned and joined by later queries ({@link Session#scan}),
 * read in place by the workers rather than planned again, and gives the rows of the same
 * join against the query itself; closing it unlinks its segment.
 */
@Tag("process")
@Timeout(300)
class SharedResultScanTest {
    private static final long CUSTOMERS = 1_000;
    private static final long ORDERS = 300_000;

    private static Dataset customers(Session session) {
        return session.generate(CUSTOMERS, col("id", row()), col("country", randomInt(20, 7)));
    }

    private static Dataset revenueByCountry(Session session, Dataset customers) {
        return session.generate(ORDERS, col("customer", randomInt(CUSTOMERS, 8)), col("amount", uniform(1, 500, 9)))
                .join(customers, JoinType.INNER, "customer", "id")
                .groupBy("country").aggregate(sum("amount").as("revenue"), count("orders"))
                .sort("country");
    }

    @Test
    void aSharedResultIsJoinedInPlaceAndGivesTheRowsOfTheQueryItself() {
        try (Session session = Shard.local().workers(2).open()) {
            List<List<Object>> inline = rows(revenueByCountry(session, customers(session)).execute());
            try (SharedResult shared = session.share("customers", customers(session).execute())) {
                assertEquals(CUSTOMERS, shared.rows());
                Dataset joined = revenueByCountry(session, session.scan(shared));
                PhysicalPlan plan = session.physicalPlan(joined.plan());
                assertTrue(plan.builds().isEmpty(), "the shared table is not planned again as a build stage");
                assertEquals(1, plan.sharedBuilds().size(), "the join builds from the shared table");
                assertTrue(plan.sharedBuilds().getFirst().source() instanceof TableSource.SharedTable,
                        plan.sharedBuilds().toString());
                assertEquals(inline, rows(joined.execute()), "the same rows as joining the query itself");
            }
            assertEquals(List.of(), SegmentStore.shared().owned(), "closing the shared result unlinks it");
            assertEquals(reference(), inline.stream().map(row -> List.of(row.get(0), row.get(2))).toList(),
                    "orders per country, from a plain loop");
        }
    }

    /** Orders per country (country, count), computed row by row from the generator. */
    private static List<List<Object>> reference() {
        long[] orders = new long[20];
        for (long i = 0; i < ORDERS; i++) {
            long customer = Generator.randomInt(CUSTOMERS, 8, i);
            orders[(int) Generator.randomInt(20, 7, customer)]++;
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int country = 0; country < orders.length; country++) {
            if (orders[country] > 0) {
                rows.add(List.of((long) country, orders[country]));
            }
        }
        return rows;
    }

    private static List<List<Object>> rows(Result result) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < result.table().rows(); r++) {
            rows.add(result.table().row(r));
        }
        return rows;
    }
}
