package dev.shard.dsl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.dsl.analyze.Binding;
import dev.shard.dsl.ast.Expression;
import dev.shard.dsl.ast.LiteralValue;
import dev.shard.dsl.ast.Source;
import dev.shard.dsl.ast.Statement;
import dev.shard.dsl.ast.Step;
import dev.shard.dsl.diag.SourceText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three scripts, exactly as written in examples/, parse and check with no diagnostic at all. */
class AcceptanceScriptsTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    static SourceText example(String name) throws IOException {
        return new SourceText(name, Files.readString(EXAMPLES.resolve(name)));
    }

    private static CheckResult check(String name) throws IOException {
        CheckResult result = ScriptChecker.withDefaults().check(example(name));
        assertEquals("", ScriptChecker.render(result), name + " has diagnostics");
        return result;
    }

    @Test
    void quickstartIsOnePipelineWithEveryStepInOrder() throws IOException {
        List<Statement> statements = check("quickstart.shard").analysis().orElseThrow().ast().statements();
        assertEquals(2, statements.size());
        Statement.ParamDeclaration rows = assertInstanceOf(Statement.ParamDeclaration.class, statements.get(0));
        assertEquals(new LiteralValue.IntegerValue(10_000_000), rows.value().value());
        var pipeline = assertInstanceOf(Statement.PipelineStatement.class, statements.get(1)).pipeline();
        var generate = assertInstanceOf(Source.GenerateSource.class, pipeline.source());
        assertEquals(List.of("pax", "fare", "tip"), generate.columns().stream().map(c -> c.name().text()).toList());
        assertEquals(List.of("filter", "derive", "group", "sort", "write"),
                pipeline.steps().stream().map(Step::verb).toList());
        var group = assertInstanceOf(Step.Group.class, pipeline.steps().get(2));
        assertEquals(List.of("trips", "avg_tip", "max_fare"), group.aggregates().stream().map(a -> a.name().text()).toList());
        assertEquals(11, group.span().startLine());
        assertEquals(17, group.span().endLine());
        var random = assertInstanceOf(Expression.Call.class,
                assertInstanceOf(Expression.Binary.class, generate.columns().get(0).value()).right());
        assertEquals("stream", random.arguments().get(1).name().orElseThrow().text());
    }

    @Test
    void colcorBindsAVectorAMatrixAndABufferOfMatchingSize() throws IOException {
        CheckResult result = check("colcor.shard");
        var bindings = result.analysis().orElseThrow().bindings();
        assertEquals(Binding.Kind.VECTOR, bindings.get("y").kind());
        assertEquals(List.of(10_000L, 2_000L), bindings.get("X").dimensions());
        assertEquals(List.of(2_000L), bindings.get("r").dimensions());
        var apply = assertInstanceOf(Statement.ApplyStatement.class,
                result.analysis().orElseThrow().ast().statements().get(5));
        assertEquals(Statement.Margin.COLUMNS, apply.margin());
        assertEquals("y", apply.sideInputs().getFirst().text());
    }

    @Test
    void joinKeepsTheLetPipelineAndTheQualifiedKey() throws IOException {
        List<Statement> statements = check("join.shard").analysis().orElseThrow().ast().statements();
        var customers = assertInstanceOf(Statement.LetDeclaration.class, statements.get(0));
        assertEquals("customers", customers.name().text());
        var main = assertInstanceOf(Statement.PipelineStatement.class, statements.get(1)).pipeline();
        var join = assertInstanceOf(Step.Join.class, main.steps().get(0));
        assertFalse(join.left());
        var right = assertInstanceOf(Expression.NameReference.class, join.keys().getFirst().right());
        assertEquals("customers", right.qualifier().orElseThrow().text());
        var sort = assertInstanceOf(Step.Sort.class, main.steps().get(2));
        assertTrue(sort.keys().getFirst().descending());
    }

    @Test
    void pipesChainStepsOnOneLineAndSuffixesReadAsCountsAndBytes() {
        CheckResult result = ScriptChecker.withDefaults().check(new SourceText("pipes.shard", """
                param budget = 512MiB
                param rows = 64K
                from generate(rows) {x = row(), s = "a\\tb",} | filter x % 2 == 0 and not (x > 5) | take 1M
                shard rows budget / 1KiB
                """));
        assertEquals("", ScriptChecker.render(result));
        var statements = result.analysis().orElseThrow().ast().statements();
        assertEquals(new LiteralValue.ByteSize(512L << 20),
                ((Statement.ParamDeclaration) statements.get(0)).value().value());
        assertEquals(new LiteralValue.IntegerValue(64_000),
                ((Statement.ParamDeclaration) statements.get(1)).value().value());
        var pipeline = ((Statement.PipelineStatement) statements.get(2)).pipeline();
        assertEquals(List.of("filter", "take", "shard"), pipeline.steps().stream().map(Step::verb).toList());
    }
}
