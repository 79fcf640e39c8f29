package dev.shard.examples.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.PlanException;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.TableBuilder;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example kernel's own contract: its declared columns and its bands, nulls kept. */
class TipBandKernelTest {
    private static final Schema INPUT = Schema.of(Field.of("fare", DataType.DOUBLE), Field.of("tip_pct", DataType.DOUBLE));

    @Test
    void addsTheBandOfEachTipPercentage() {
        BatchColumn fare = new BatchColumn(DataType.DOUBLE, 3);
        BatchColumn tipPct = new BatchColumn(DataType.DOUBLE, 3);
        tipPct.doubles[0] = 0.12;
        tipPct.doubles[1] = 0.049;
        tipPct.setNull(2);
        Schema output = TipBandKernel.outputSchema(INPUT, Map.of("width", 0.05));
        TableBuilder builder = new TableBuilder(output);
        new TipBandKernel().apply(new ColumnTable(INPUT, 3, java.util.List.of(fare, tipPct)), Map.of("width", 0.05),
                builder);
        assertEquals(3, builder.rows());
        ColumnTable table = builder.drain();
        BatchColumn band = table.columns().get(2);
        assertEquals(2, band.longs[0]);
        assertEquals(0, band.longs[1]);
        assertTrue(band.isNull(2));
        assertEquals(0.12, table.columns().get(1).doubles[0]);
        assertEquals(java.util.List.of("fare", "tip_pct", "band"),
                TipBandKernel.outputSchema(INPUT, Map.of("width", 0.05)).names());
    }

    @Test
    void refusesAMissingWidth() {
        PlanException refused = assertThrows(PlanException.class, () -> TipBandKernel.outputSchema(INPUT, Map.of()));
        assertTrue(refused.getMessage().contains("positive number `width`"), refused.getMessage());
    }
}
