package dev.shard.planner.exec.expr;

import static dev.shard.planner.expr.ScalarFunction.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.expr.Call;
import dev.shard.planner.expr.Column;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every scalar function, vectorized, against the one-row-at-a-time reference on random data with nulls. */
class VectorEvaluatorTest {
    private static final Schema SCHEMA = Schema.of(Field.of("i", DataType.INT), Field.of("j", DataType.INT),
            Field.of("x", DataType.DOUBLE), Field.of("y", DataType.DOUBLE), Field.of("b", DataType.BOOL),
            Field.of("c", DataType.BOOL), Field.of("s", DataType.STRING), Field.of("t", DataType.STRING));
    private static final double[] DOUBLES = {-2.5, -1, -0.0, 0.0, 0.5, 0.49999999999999994, 1, 2.5, 3.75, 1e300,
            Double.NaN, Double.POSITIVE_INFINITY};
    private static final String[] STRINGS = {"", "a", "ab", "B", "abc", "Ünï", "12", " 7 ", "1e3", "x"};
    private static final int ROWS = 2 * ColumnBatch.CAPACITY + 123;

    private static Column col(String name) {
        return new Column(name);
    }

    private static Call call(ScalarFunction function, Expr... arguments) {
        return Call.of(function, arguments);
    }

    static List<Expr> expressions() {
        Expr i = col("i"), j = col("j"), x = col("x"), y = col("y"), b = col("b"), c = col("c"), s = col("s"),
                t = col("t");
        List<Expr> all = new ArrayList<>();
        for (ScalarFunction op : List.of(ADD, SUBTRACT, MULTIPLY, DIVIDE, MODULO, POW)) {
            all.addAll(List.of(call(op, i, j), call(op, x, y), call(op, i, x), call(op, x, Literal.of(2L))));
        }
        for (ScalarFunction op : List.of(EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL)) {
            all.addAll(List.of(call(op, i, j), call(op, x, y), call(op, i, x), call(op, s, t),
                    call(op, x, Literal.of(0.5))));
        }
        all.addAll(List.of(call(EQUAL, b, c), call(NOT_EQUAL, b, c)));
        for (ScalarFunction op : List.of(NEGATE, ABS, FLOOR, CEIL, ROUND, SQRT, LOG, EXP)) {
            all.addAll(List.of(call(op, i), call(op, x)));
        }
        all.addAll(List.of(call(AND, b, c), call(OR, b, c), call(NOT, b), call(IS_NULL, x), call(IS_NULL, s),
                call(AND, call(GREATER, x, Literal.of(0.0)), call(LESS, i, Literal.of(3L)))));
        all.addAll(List.of(call(IF, b, i, x), call(IF, b, s, t), call(IF, b, Literal.nullOf(DataType.INT), j),
                call(CASE, b, i, c, j, Literal.of(7L)), call(CASE, b, x, i),
                call(COALESCE, i, j, Literal.of(-1L)), call(COALESCE, x, i), call(COALESCE, s, t)));
        for (Expr value : List.of(i, x, b, s)) {
            all.addAll(List.of(call(CAST_INT, value), call(CAST_DOUBLE, value), call(CAST_STRING, value)));
        }
        all.addAll(List.of(call(LENGTH, s), call(LOWER, s), call(UPPER, s), call(CONTAINS, s, t),
                call(STARTS_WITH, s, t), call(CONTAINS, s, Literal.of("a"))));
        all.addAll(List.of(call(ROW), call(RANDOM, Literal.of(2L)), call(RANDOM_INT, Literal.of(1000L),
                Literal.of(1L)), call(RANDOM_INT, Literal.of(3_000_000_000L), Literal.of(4L)),
                call(UNIFORM, Literal.of(-1L), Literal.of(2.5), Literal.of(3L)), call(NORMAL, Literal.of(5L)),
                call(ADD, call(MULTIPLY, x, y), Literal.of(1.0))));
        return all;
    }

    @Test
    void everyFunctionMatchesTheReferenceRowByRow() {
        Random random = new Random(42);
        Object[][] rows = new Object[ROWS][];
        for (int r = 0; r < ROWS; r++) {
            rows[r] = randomRow(random);
        }
        Set<ScalarFunction> covered = EnumSet.noneOf(ScalarFunction.class);
        for (Expr expr : expressions()) {
            if (expr instanceof Call call) {
                covered.add(call.function());
            }
            check(expr, rows);
        }
        assertEquals(EnumSet.complementOf(EnumSet.of(COL)), covered, "every function but col() is tested");
    }

    private static void check(Expr expr, Object[][] rows) {
        VectorEvaluator evaluator = ExpressionCompiler.compile(expr, SCHEMA);
        assertEquals(expr.type(SCHEMA), evaluator.type(), expr.render());
        ColumnBatch batch = new ColumnBatch(SCHEMA.size());
        long firstRow = 1_000_000L;
        for (int start = 0; start < rows.length; start += ColumnBatch.CAPACITY) {
            int n = Math.min(ColumnBatch.CAPACITY, rows.length - start);
            for (int c = 0; c < SCHEMA.size(); c++) {
                BatchColumn column = new BatchColumn(SCHEMA.fields().get(c).type(), ColumnBatch.CAPACITY);
                for (int r = 0; r < n; r++) {
                    column.set(r, rows[start + r][c]);
                }
                batch.setColumn(c, column);
            }
            batch.reset(firstRow + start, n);
            BatchColumn result = evaluator.evaluate(batch);
            for (int r = 0; r < n; r++) {
                Object expected = ScalarInterpreter.evaluate(expr, SCHEMA, rows[start + r], firstRow + start + r);
                int row = r;
                assertEquals(expected, result.get(r), () -> expr.render() + " at row " + row);
            }
        }
    }

    private static Object[] randomRow(Random random) {
        return new Object[] {nullOr(random, (long) random.nextInt(11) - 5), nullOr(random, (long) random.nextInt(7) - 3),
                nullOr(random, randomDouble(random)), nullOr(random, randomDouble(random)),
                nullOr(random, random.nextBoolean()), nullOr(random, random.nextBoolean()),
                nullOr(random, STRINGS[random.nextInt(STRINGS.length)]),
                nullOr(random, STRINGS[random.nextInt(STRINGS.length)])};
    }

    private static double randomDouble(Random random) {
        return random.nextInt(3) == 0 ? random.nextGaussian() * 10 : DOUBLES[random.nextInt(DOUBLES.length)];
    }

    private static Object nullOr(Random random, Object value) {
        return random.nextInt(7) == 0 ? null : value;
    }
}
