package dev.shard.planner.exec.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.expr.Generator;
import dev.shard.planner.expr.ScalarFunction;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * random and uniform give {@link Generator}'s bits whichever loop form this CPU picks: the
 * one-loop form (AVX-512) and the hash-first form (AVX2 and below) both run here, on batches of
 * every size, at the first rows, at a block boundary and just below the 2^32 row limit.
 */
class GeneratorEvaluatorTest {
    private static final long[] FIRST_ROWS = {0, 1, 65_536 - 7, 3_000_000_017L, (1L << 32) - ColumnBatch.CAPACITY};

    @Test
    void bothLoopFormsGiveTheGeneratorsBitsForRandomAndUniform() {
        Random random = new Random(5);
        for (boolean twoLoops : new boolean[] {false, true}) {
            GeneratorEvaluator randoms = new GeneratorEvaluator(ScalarFunction.RANDOM, 2, 0, 0, 0, twoLoops);
            GeneratorEvaluator uniforms = new GeneratorEvaluator(ScalarFunction.UNIFORM, 7, 0, -3.5, 11.25, twoLoops);
            for (long firstRow : FIRST_ROWS) {
                for (int size : new int[] {1, 3, 1 + random.nextInt(ColumnBatch.CAPACITY), ColumnBatch.CAPACITY}) {
                    ColumnBatch batch = new ColumnBatch(0);
                    batch.reset(firstRow, size);
                    BatchColumn random2 = randoms.evaluate(batch);
                    BatchColumn uniform7 = uniforms.evaluate(batch);
                    for (int i = 0; i < size; i++) {
                        String where = (twoLoops ? "two loops" : "one loop") + ", row " + (firstRow + i);
                        assertEquals(Double.doubleToRawLongBits(Generator.uniform(2, firstRow + i)),
                                Double.doubleToRawLongBits(random2.doubles[i]), "random " + where);
                        assertEquals(Double.doubleToRawLongBits(Generator.uniform(-3.5, 11.25, 7, firstRow + i)),
                                Double.doubleToRawLongBits(uniform7.doubles[i]), "uniform " + where);
                    }
                }
            }
        }
    }
}
