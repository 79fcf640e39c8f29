package dev.shard.dsl.parse;

import static dev.shard.dsl.grammar.ShardLexer.*;

import dev.shard.dsl.ast.Pipeline;
import dev.shard.dsl.ast.ScriptAst;
import dev.shard.dsl.ast.Statement;
import dev.shard.dsl.ast.Step;
import dev.shard.dsl.diag.Diagnostic;
import dev.shard.dsl.diag.ErrorCode;
import dev.shard.dsl.diag.SourceSpan;
import dev.shard.dsl.diag.SourceText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.antlr.v4.runtime.Token;

/**
 * Attaches each step line to the pipeline opened above it ({@code from ...} or
 * {@code let x = <source>}) and collects the statements in order. Steps below a line
 * that failed to parse are dropped quietly: that line already has its error.
 */
final class StatementAssembler {
    private static final Set<Integer> STEP_WORDS = Set.of(FILTER, DERIVE, SELECT, GROUP, JOIN, SORT, TAKE, MAP, SHARD);

    private final SourceText source;
    private final List<Diagnostic> diagnostics;
    private final List<Statement> statements = new ArrayList<>();
    private UnitNode.PipelineStart open;
    private final List<Step> steps = new ArrayList<>();
    private boolean afterBrokenHead;

    StatementAssembler(SourceText source, List<Diagnostic> diagnostics) {
        this.source = source;
        this.diagnostics = diagnostics;
    }

    ScriptAst assemble(List<Unit> units, List<Optional<UnitNode>> nodes) {
        for (int i = 0; i < units.size(); i++) {
            Unit unit = units.get(i);
            Optional<UnitNode> node = nodes.get(i);
            if (node.isEmpty()) {
                if (!isStepLine(unit)) {
                    close();
                    afterBrokenHead = true;
                }
                continue;
            }
            switch (node.get()) {
                case UnitNode.StepLine line -> addStep(line.step());
                case UnitNode.PipelineStart start -> {
                    requireNoPipe(unit);
                    close();
                    open = start;
                    afterBrokenHead = false;
                }
                case UnitNode.Complete complete -> {
                    requireNoPipe(unit);
                    close();
                    statements.add(complete.statement());
                    afterBrokenHead = false;
                }
            }
        }
        close();
        return new ScriptAst(source.file(), statements, source.span(0, source.content().length()));
    }

    private void addStep(Step step) {
        if (open != null) {
            steps.add(step);
            return;
        }
        if (afterBrokenHead) {
            return;
        }
        diagnostics.add(Diagnostic.error(ErrorCode.STEP_WITHOUT_PIPELINE, step.span(),
                "`" + step.verb() + "` has no pipeline to work on",
                "start a pipeline above it with `from <source>`, or `let name = from <source>`"));
        afterBrokenHead = true;
    }

    private void requireNoPipe(Unit unit) {
        if (!unit.afterPipe()) {
            return;
        }
        Token first = unit.first();
        diagnostics.add(Diagnostic.error(ErrorCode.UNEXPECTED_INPUT,
                source.span(first.getStartIndex(), first.getStopIndex() + 1),
                "expected a pipeline step after `|`, found `" + first.getText() + "`",
                "`|` chains steps on one line; start a new statement on a new line"));
    }

    private void close() {
        if (open == null) {
            return;
        }
        SourceSpan end = steps.isEmpty() ? open.span() : steps.getLast().span();
        SourceSpan span = source.cover(open.span(), end);
        int pipelineStart = open.let().isPresent() ? open.source().span().startOffset() : open.span().startOffset();
        Pipeline pipeline = new Pipeline(open.source(), steps, source.span(pipelineStart, span.endOffset()));
        statements.add(open.let()
                .<Statement>map(name -> new Statement.LetDeclaration(name, pipeline, span))
                .orElseGet(() -> new Statement.PipelineStatement(pipeline, span)));
        open = null;
        steps.clear();
    }

    private static boolean isStepLine(Unit unit) {
        int type = unit.first().getType();
        if (STEP_WORDS.contains(type) || type == IDENTIFIER) {
            // An unknown word is most often a misspelt verb: the pipeline goes on below it.
            return true;
        }
        return type == WRITE && unit.tokens().size() > 1 && unit.tokens().get(1).getType() == STRING;
    }
}
