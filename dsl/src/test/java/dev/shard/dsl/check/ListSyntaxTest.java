package dev.shard.dsl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.dsl.analyze.Binding;
import dev.shard.dsl.ast.Source;
import dev.shard.dsl.ast.Statement;
import dev.shard.dsl.diag.SourceText;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lists and {@code apply each}: how they parse and what the analyser knows of them. */
class ListSyntaxTest {

    @Test
    void lapplyExampleChecksCleanAndBindsAListOfFourElements() throws IOException {
        CheckResult result = ScriptChecker.withDefaults().check(AcceptanceScriptsTest.example("lapply.shard"));
        assertEquals("", ScriptChecker.render(result));
        var analysis = result.analysis().orElseThrow();
        Binding parts = analysis.bindings().get("parts");
        assertEquals(Binding.Kind.LIST, parts.kind());
        assertEquals(List.of(4L), parts.dimensions());
        assertEquals("4 elements: 3 vectors, 1 matrix", parts.detail());
        var apply = analysis.ast().statements().stream()
                .filter(Statement.ApplyStatement.class::isInstance).map(Statement.ApplyStatement.class::cast)
                .findFirst().orElseThrow();
        assertEquals(Statement.Margin.EACH, apply.margin());
        assertEquals("item", apply.margin().variable());
        assertEquals("parts", apply.matrix().text());
    }

    @Test
    void elementsMayBeLetNamesOrSourcesOnOneOrManyLinesWithATrailingComma() {
        CheckResult result = ScriptChecker.withDefaults().check(new SourceText("list.shard", """
                let y = vector(10) { random(stream = 1) }
                let X = matrix(10, 3) { random(stream = col() + 2) }
                let parts = [y, X, vector(5) { row() },
                             matrix(2, 2) { row() + col() },]
                let each = buffer(double, 4)
                apply each of parts into each: max(item) - min(item)
                write each "out/each.csv"
                """));
        assertEquals("", ScriptChecker.render(result));
        var statements = result.analysis().orElseThrow().ast().statements();
        var list = assertInstanceOf(Source.ListSource.class,
                assertInstanceOf(dev.shard.dsl.ast.Pipeline.class,
                        assertInstanceOf(Statement.LetDeclaration.class, statements.get(2)).value()).source());
        assertEquals(4, list.elements().size());
        assertInstanceOf(Source.NamedSource.class, list.elements().get(0));
        assertInstanceOf(Source.MatrixSource.class, list.elements().get(3));
        assertEquals(4, list.span().endLine(), "the list spans its two lines");
    }

    @Test
    void aGeneratedListHasACountAndOneElementSourceWhereIndexIsAllowed() {
        CheckResult result = ScriptChecker.withDefaults().check(new SourceText("generated.shard", """
                param k = 4
                let parts = list(k) {
                    vector(100 * (index() + 1)) { random(stream = index()) },
                }
                let list = buffer(double, k)
                apply each of parts into list: var(item)
                write list "out/list.csv"
                """));
        assertTrue(ScriptChecker.render(result).contains("error[E0101]"),
                "one source, no trailing comma: " + ScriptChecker.render(result));
        result = ScriptChecker.withDefaults().check(new SourceText("generated.shard", """
                param k = 4
                let parts = list(k) {
                    vector(100 * (index() + 1)) { random(stream = index()) }
                }
                let list = buffer(double, k)
                apply each of parts into list: var(item)
                write list "out/list.csv"
                """));
        assertEquals("", ScriptChecker.render(result));
        var analysis = result.analysis().orElseThrow();
        assertEquals(List.of(4L), analysis.bindings().get("parts").dimensions());
        var let = assertInstanceOf(Statement.LetDeclaration.class, analysis.ast().statements().get(1));
        var generated = assertInstanceOf(Source.GeneratedListSource.class,
                assertInstanceOf(dev.shard.dsl.ast.Pipeline.class, let.value()).source());
        assertInstanceOf(Source.VectorSource.class, generated.element());
    }

    @Test
    void aListIsNotATableAndTakesNoPipelineSteps() {
        CheckResult result = ScriptChecker.withDefaults().check(new SourceText("steps.shard", """
                let parts = [vector(3) { row() }]
                filter x > 1
                """));
        String rendered = ScriptChecker.render(result);
        assertTrue(rendered.contains("error[E0303]: `filter` works on tables, but this pipeline starts from a list"),
                rendered);
    }
}
