package dev.shard.dsl.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.shard.dsl.check.CheckResult;
import dev.shard.dsl.check.ScriptChecker;
import dev.shard.dsl.diag.SourceText;
import dev.shard.planner.expr.Literal;
import dev.shard.runtime.tune.HumanUnits;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A row count as explain's tuner line prints it ({@link HumanUnits#rows}), pasted into a
 * script, is the same number of rows: the language and explain share one unit (K = 1,000),
 * and explain prints the count exactly. Shard sizes are multiples of the 65,536-row block,
 * which binary units would print as {@code 64K} — 64,000 rows to the language.
 */
class RowUnitsTest {
    @ParameterizedTest
    @ValueSource(longs = {999, 1_000, 1_024, 64_000, 65_536, 131_072, 983_040, 2_490_368, 4_194_304, 20_000_000,
            20_054_016, 1_073_741_824L})
    void aRowCountPrintedByExplainReadsBackAsTheSameRows(long rows) {
        String printed = HumanUnits.rows(rows);
        CheckResult result = ScriptChecker.withDefaults().check(
                new SourceText("units.shard", "param n = " + printed + "\n"
                        + "from generate(n) {x = row()} | shard rows " + printed + " | take 1\n"), List.of());
        assertFalse(result.hasErrors(), () -> printed + ": " + result.diagnostics());
        Literal value = result.lowered().orElseThrow().constants().get("n");
        assertEquals(rows, ((Number) value.value()).longValue(), printed);
    }
}
