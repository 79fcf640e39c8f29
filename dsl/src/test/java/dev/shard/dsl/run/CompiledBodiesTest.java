package dev.shard.dsl.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.dsl.analyze.AnalysisOptions;
import dev.shard.dsl.ast.Expression;
import dev.shard.dsl.ast.Source;
import dev.shard.dsl.check.ScriptChecker;
import dev.shard.dsl.diag.SourceText;
import dev.shard.dsl.lower.LoweredScript;
import dev.shard.dsl.parse.ParseLimits;
import dev.shard.dsl.vector.VectorFunctions;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Cell bodies run by the planner's vectorized evaluator give the per-cell program's values
 * bit for bit, and the apply body's vector functions match plain reference loops.
 */
class CompiledBodiesTest {
    private static final int ROWS = 9_000;

    private static LoweredScript lowered(String text) {
        ScriptChecker checker = new ScriptChecker(ParseLimits.DEFAULT,
                AnalysisOptions.defaults().withWorkingDirectory(Path.of("."), false));
        var result = checker.check(new SourceText("t.shard", text));
        assertFalse(result.hasErrors(), ScriptChecker.render(result));
        return result.lowered().orElseThrow();
    }

    @Test
    void vectorizedCellsEqualThePerCellProgram() {
        LoweredScript script = lowered("param n = " + ROWS + "\nlet y = vector(n) { normal(stream = 3) }\n"
                + "let X = matrix(n, 7) { random(stream = col() + 1) + (col() % 5) * 0.25 * y[row()]"
                + " + row() / 7 - abs(uniform(-1, 1, stream = 9)) + random_int(10, stream = 2 * col()) }\n"
                + "let r = buffer(double, 7)\napply columns of X with y into r: cor(column, y)\n");
        double[] y = new double[ROWS];
        Expression yBody = ((Source.VectorSource) script.matrixValues().get("y")).element();
        Expression xBody = ((Source.MatrixSource) script.matrixValues().get("X")).cell();
        VectorizedCell yCell = VectorizedCell.of(new CellExpressions(script.constants(), Set.of()).lower(yBody)
                .orElseThrow(), List.of()).orElseThrow();
        MemorySegment ySegment = MemorySegment.ofArray(y);
        yCell.filler(Map.of()).fill(ySegment, 0, 0, 0, ROWS);
        VectorizedCell xCell = VectorizedCell.of(new CellExpressions(script.constants(), Set.of("y")).lower(xBody)
                .orElseThrow(), List.of("y")).orElseThrow();
        assertTrue(xCell.usesColumn());
        double[] x = new double[ROWS * 7];
        VectorizedCell.Filler filler = xCell.filler(Map.of("y", ySegment));
        for (int j = 0; j < 7; j++) {
            filler.fill(MemorySegment.ofArray(x), (long) j * ROWS, j, 0, ROWS);
        }
        CellProgram yProgram = new CellCompiler(script.constants(), Set.of()).compile(yBody);
        CellProgram xProgram = new CellCompiler(script.constants(), Set.of("y")).compile(xBody);
        for (int i = 0; i < ROWS; i++) {
            assertEquals(yProgram.at(i, 0, Map.of()), y[i], "y[" + i + "]");
            for (int j = 0; j < 7; j++) {
                assertEquals(xProgram.at(i, j, Map.of("y", y)), x[j * ROWS + i], "X[" + i + ", " + j + "]");
            }
        }
    }

    @Test
    void anIndexOtherThanTheRowRunsCellByCell() {
        LoweredScript script = lowered("let y = vector(10) { row() }\nlet X = matrix(10, 2) { y[9 - row()] }\n"
                + "let r = buffer(double, 2)\napply columns of X into r: sum(column)\n");
        Expression xBody = ((Source.MatrixSource) script.matrixValues().get("X")).cell();
        assertTrue(new CellExpressions(script.constants(), Set.of("y")).lower(xBody).isEmpty());
    }

    @Test
    void vectorFunctionsMatchReferenceLoops() {
        double[] values = new double[1_003];
        double[] other = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1e6 + Math.sin(i) * 3;
            other[i] = Math.cos(i * 0.7);
        }
        int n = values.length;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double dot = 0;
        for (int i = 0; i < n; i++) {
            sum += values[i];
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
            dot += values[i] * other[i];
        }
        double mean = sum / n;
        double otherMean = java.util.Arrays.stream(other).sum() / n;
        double squares = 0;
        double otherSquares = 0;
        double cross = 0;
        for (int i = 0; i < n; i++) {
            squares += (values[i] - mean) * (values[i] - mean);
            otherSquares += (other[i] - otherMean) * (other[i] - otherMean);
            cross += (values[i] - mean) * (other[i] - otherMean);
        }
        MemorySegment x = MemorySegment.ofArray(values);
        Map<String, MemorySegment> side = Map.of("y", MemorySegment.ofArray(other));
        Map<String, Double> expected = Map.of("sum", sum, "mean", mean, "var", squares / (n - 1),
                "sd", Math.sqrt(squares / (n - 1)), "min", min, "max", max, "norm", Math.sqrt(
                        java.util.Arrays.stream(values).map(v -> v * v).sum()),
                "dot", dot, "cor", cross / Math.sqrt(squares * otherSquares));
        expected.forEach((function, value) -> {
            double actual = new VectorBody.Statistic(function, "y").bind(side, n).of(x);
            assertEquals(value, actual, Math.abs(value) * 1e-12, function);
        });
        VectorBody body = new VectorBody.Binary("/", new VectorBody.Statistic("sum", null),
                new VectorBody.Constant(2));
        assertEquals(VectorFunctions.sum(x, n) / 2, body.bind(side, n).of(x));
    }
}
