package dev.shard.dsl.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shard.dsl.check.CheckResult;
import dev.shard.dsl.check.ScriptChecker;
import dev.shard.dsl.diag.SourceText;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the analyser knows of a constant {@code let} as data: integer arithmetic over literals,
 * byte sizes and earlier constants folds; a double, string, bool, comparison, {@code not},
 * function call, division by zero or overflow is unknown (empty).
 */
class ConstantFolderTest {
    private static final Map<String, Optional<Number>> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("let a = 3 * 4 + 1", Optional.of(13L));
        EXPECTED.put("let b = -a", Optional.of(-13L));
        EXPECTED.put("let c = 17 % 5 - 10 / 3", Optional.of(-1L));
        EXPECTED.put("let d = 2GiB", Optional.of(2L << 30));
        EXPECTED.put("let e = 2.5", Optional.empty());
        EXPECTED.put("let f = \"text\"", Optional.empty());
        EXPECTED.put("let g = true", Optional.empty());
        EXPECTED.put("let h = not g", Optional.empty());
        EXPECTED.put("let i = a < 20", Optional.empty());
        EXPECTED.put("let j = abs(-3)", Optional.empty());
        EXPECTED.put("let k = 7 / (a - 13)", Optional.empty());
        EXPECTED.put("let l = 9_223_372_036_854_775_807 + a", Optional.empty());
        EXPECTED.put("let m = e * 2", Optional.empty());
    }

    @Test
    void eachConstantLetIsFoldedOrUnknownAsItsTableSays() {
        String script = String.join("\n", EXPECTED.keySet()) + "\n";
        CheckResult result = ScriptChecker.withDefaults().check(new SourceText("constants.shard", script));
        Map<String, Binding> bindings = result.analysis().orElseThrow().bindings();
        Map<String, Optional<Number>> folded = new LinkedHashMap<>();
        for (String let : EXPECTED.keySet()) {
            String name = let.substring("let ".length(), let.indexOf(' ', "let ".length()));
            folded.put(let, bindings.get(name).constant());
        }
        assertEquals(EXPECTED, folded, ScriptChecker.render(result));
    }
}
