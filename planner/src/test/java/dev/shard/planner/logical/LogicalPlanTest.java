package dev.shard.planner.logical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shard.planner.PlanException;
import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.Call;
import dev.shard.planner.expr.Column;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.expr.NamedExpr;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.type.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogicalPlanTest {
    private static final LogicalGenerate W2 = new LogicalGenerate(20_000_000, List.of(
            NamedExpr.of("key", Call.of(ScalarFunction.RANDOM_INT, Literal.of(1000), Literal.of(1))),
            NamedExpr.of("value", Call.of(ScalarFunction.RANDOM, Literal.of(2)))));

    @Test
    void schemasFlowThroughTheTree() {
        LogicalPlan plan = new LogicalAggregate(
                LogicalProject.derive(W2, List.of(NamedExpr.of("twice",
                        Call.of(ScalarFunction.MULTIPLY, new Column("value"), Literal.of(2))))),
                List.of("key"),
                List.of(new AggregateCall("rows", AggregateFunction.COUNT, null),
                        new AggregateCall("total", AggregateFunction.SUM, new Column("twice")),
                        new AggregateCall("mean_key", AggregateFunction.MEAN, new Column("key"))));
        assertEquals(List.of("key", "rows", "total", "mean_key"), plan.schema().names());
        assertEquals(DataType.INT, plan.schema().require("key", "test").type());
        assertEquals(DataType.DOUBLE, plan.schema().require("total", "test").type());
        assertEquals(DataType.DOUBLE, plan.schema().require("mean_key", "test").type());
    }

    @Test
    void anUnknownColumnNamesTheClosestOnes() {
        PlanException error = assertThrows(PlanException.class,
                () -> new LogicalFilter(W2, Call.of(ScalarFunction.GREATER, new Column("valeu"), Literal.of(0.5))));
        assertEquals("expression: no column named 'valeu'", error.getMessage());
        assertEquals("did you mean 'value'? (columns: key, value)", error.hint());
    }

    @Test
    void aFilterNeedsACondition() {
        PlanException error = assertThrows(PlanException.class, () -> new LogicalFilter(W2, new Column("value")));
        assertEquals("filter: `value` is double, not a condition", error.getMessage());
    }

    @Test
    void arithmeticOnStringsIsRefusedWithTheTypes() {
        LogicalPlan strings = LogicalProject.derive(W2, List.of(NamedExpr.of("label",
                Call.of(ScalarFunction.CAST_STRING, new Column("key")))));
        PlanException error = assertThrows(PlanException.class, () -> LogicalProject.derive(strings, List.of(
                NamedExpr.of("bad", Call.of(ScalarFunction.ADD, new Column("label"), Literal.of(1))))));
        assertEquals("`label + 1` needs numbers, got string and int", error.getMessage());
    }

    @Test
    void joinKeepsLeftColumnsThenTheRightsNonKeys() {
        LogicalGenerate customers = new LogicalGenerate(1000, List.of(
                NamedExpr.of("id", Call.of(ScalarFunction.ROW)),
                NamedExpr.of("country", Call.of(ScalarFunction.RANDOM_INT, Literal.of(20), Literal.of(7)))));
        LogicalJoin join = new LogicalJoin(W2, customers, JoinType.LEFT, List.of(new JoinKey("key", "id")));
        assertEquals(List.of("key", "value", "country"), join.schema().names());
        assertEquals(true, join.schema().require("country", "test").nullable());
    }

    @Test
    void fileSourcesAndTargetsSerializeSoThatPlanFragmentsTravelToWorkers() throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(new TableSource.ArrowFile(java.nio.file.Path.of("/data/x.arrow")));
            out.writeObject(new WriteTarget.CsvFile(java.nio.file.Path.of("out/y.csv")));
        }
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(java.nio.file.Path.of("/data/x.arrow"), ((TableSource.ArrowFile) in.readObject()).path());
            assertEquals(java.nio.file.Path.of("out/y.csv"), ((WriteTarget.CsvFile) in.readObject()).path());
        }
    }

    @Test
    void deriveReplacesASameNamedColumnInPlace() {
        LogicalProject derived = LogicalProject.derive(W2, List.of(NamedExpr.of("key",
                Call.of(ScalarFunction.ADD, new Column("key"), Literal.of(1)))));
        assertEquals(List.of("key", "value"), derived.schema().names());
    }
}
