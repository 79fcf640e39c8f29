package dev.shard.dsl.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.dsl.ast.LiteralValue;
import dev.shard.dsl.check.ScriptChecker;
import dev.shard.dsl.diag.DiagnosticRenderer;
import dev.shard.dsl.diag.SourceText;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParamOverridesTest {
    private static LiteralValue valueOf(String assignment) {
        ParamOverrides.Parsed parsed = ParamOverrides.parse(assignment);
        assertTrue(parsed.diagnostics().isEmpty(), parsed.diagnostics().toString());
        return parsed.override().orElseThrow().value().value();
    }

    @Test
    void valuesAreReadAsLiteralsOfTheLanguage() {
        assertEquals(new LiteralValue.IntegerValue(20_000_000), valueOf("rows=20_000_000"));
        assertEquals(new LiteralValue.IntegerValue(-3), valueOf("offset=-3"));
        assertEquals(new LiteralValue.ByteSize(4L << 30), valueOf("budget=4GiB"));
        assertEquals(new LiteralValue.DoubleValue(2.5e3), valueOf("scale=2.5e3"));
        assertEquals(new LiteralValue.StringValue("a b"), valueOf("label=\"a b\""));
        assertEquals(new LiteralValue.BooleanValue(true), valueOf("verbose=true"));
        assertEquals("rows", ParamOverrides.parse("rows=1").override().orElseThrow().name().text());
    }

    @Test
    void somethingThatIsNotALiteralIsRefusedWithItsPosition() {
        ParamOverrides.Parsed parsed = ParamOverrides.parse("rows=1 + 2");
        assertTrue(parsed.override().isEmpty());
        String rendered = new DiagnosticRenderer(parsed.text()).render(parsed.diagnostics());
        assertTrue(rendered.startsWith("-p rows=1 + 2:1:6: error[E0703]: `1 + 2` is not a literal"), rendered);
        assertTrue(ParamOverrides.parse("20000").override().isEmpty());
    }

    @Test
    void anOverrideReplacesTheDefaultAndAnIntWidensToADouble() {
        SourceText script = new SourceText("p.shard", """
                param n = 10
                param scale = 1.0
                let X = matrix(n, 4) { random(stream = col()) * scale }
                let r = buffer(double, 4)
                apply columns of X into r: sum(column)
                write r "out/r.csv"
                """);
        var result = ScriptChecker.withDefaults().check(script, List.of("n=20_000", "scale=3"));
        assertEquals("", ScriptChecker.render(result));
        assertEquals(List.of(20_000L, 4L), result.analysis().orElseThrow().bindings().get("X").dimensions());
    }
}
