package dev.shard.dsl.parse;

import dev.shard.dsl.ast.Argument;
import dev.shard.dsl.ast.Assignment;
import dev.shard.dsl.ast.ColumnType;
import dev.shard.dsl.ast.Expression;
import dev.shard.dsl.ast.JoinKey;
import dev.shard.dsl.ast.LiteralValue;
import dev.shard.dsl.ast.Name;
import dev.shard.dsl.ast.SelectItem;
import dev.shard.dsl.ast.SortKey;
import dev.shard.dsl.ast.Source;
import dev.shard.dsl.ast.Statement;
import dev.shard.dsl.ast.Step;
import dev.shard.dsl.ast.Text;
import dev.shard.dsl.diag.Diagnostic;
import dev.shard.dsl.diag.SourceSpan;
import dev.shard.dsl.diag.SourceText;
import dev.shard.dsl.grammar.ShardBaseVisitor;
import dev.shard.dsl.grammar.ShardParser;
import dev.shard.dsl.grammar.ShardParser.*;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Builds AST nodes from one unit's parse tree. A visitor over the generated parser's
 * contexts; the grammar has no actions. Literal problems (bad suffixes, escapes) are
 * reported here because only the builder reads literal text.
 */
final class AstBuilder extends ShardBaseVisitor<Object> {
    private final SourceText source;
    private final Consumer<Diagnostic> report;

    AstBuilder(SourceText source, Consumer<Diagnostic> report) {
        this.source = source;
        this.report = report;
    }

    UnitNode unit(UnitContext unit) {
        return (UnitNode) visit(unit.getChild(0));
    }

    Expression.Literal literalUnit(LiteralUnitContext unit) {
        return signedLiteral(unit.MINUS() != null, unit.literal(), span(unit.start, unit.literal().stop));
    }

    @Override
    public UnitNode visitParamDeclaration(ParamDeclarationContext ctx) {
        Expression.Literal value = signedLiteral(ctx.MINUS() != null, ctx.literal(),
                span(ctx.MINUS() != null ? ctx.MINUS().getSymbol() : ctx.literal().start, ctx.literal().stop));
        return new UnitNode.Complete(new Statement.ParamDeclaration(name(ctx.name()), value, span(ctx)));
    }

    @Override
    public UnitNode visitLetDeclaration(LetDeclarationContext ctx) {
        Name name = name(ctx.name());
        return switch (ctx.letValue()) {
            case LetPipelineContext pipeline -> new UnitNode.PipelineStart(Optional.of(name), source(pipeline.source()),
                    span(ctx));
            case LetSourceContext built -> new UnitNode.PipelineStart(Optional.of(name),
                    constructed(built.constructedSource()), span(ctx));
            case LetListContext list -> new UnitNode.PipelineStart(Optional.of(name), list(list.listValue()),
                    span(ctx));
            case LetExpressionContext expression -> new UnitNode.Complete(
                    new Statement.LetDeclaration(name, expression(expression.expression()), span(ctx)));
            default -> throw new IllegalStateException("unknown let value " + ctx.letValue().getClass());
        };
    }

    @Override
    public UnitNode visitPipelineHead(PipelineHeadContext ctx) {
        return new UnitNode.PipelineStart(Optional.empty(), source(ctx.source()), span(ctx));
    }

    @Override
    public UnitNode visitApplyStatement(ApplyStatementContext ctx) {
        Statement.Margin margin = switch (ctx.margin.getType()) {
            case ShardParser.ROWS -> Statement.Margin.ROWS;
            case ShardParser.COLUMNS -> Statement.Margin.COLUMNS;
            default -> Statement.Margin.EACH;
        };
        List<Name> sides = ctx.nameList() == null ? List.of() : names(ctx.nameList());
        Statement.ApplyBody body = switch (ctx.applyBody()) {
            case KernelApplyBodyContext kernel -> new Statement.ApplyBody.KernelBody(text(kernel.STRING().getSymbol()),
                    kernelParameters(kernel.kernelParameters()));
            case ExpressionApplyBodyContext expression -> new Statement.ApplyBody.ExpressionBody(
                    expression(expression.expression()));
            default -> throw new IllegalStateException("unknown apply body");
        };
        return new UnitNode.Complete(new Statement.ApplyStatement(margin, name(ctx.name(0)), sides, name(ctx.name(1)),
                body, span(ctx)));
    }

    @Override
    public UnitNode visitWriteBuffer(WriteBufferContext ctx) {
        return new UnitNode.Complete(new Statement.WriteBuffer(name(ctx.name()), text(ctx.STRING().getSymbol()),
                span(ctx)));
    }

    @Override
    public UnitNode visitFilterStep(FilterStepContext ctx) {
        return new UnitNode.StepLine(new Step.Filter(expression(ctx.expression()), span(ctx)));
    }

    @Override
    public UnitNode visitDeriveStep(DeriveStepContext ctx) {
        return new UnitNode.StepLine(new Step.Derive(assignments(ctx.assignmentList()), span(ctx)));
    }

    @Override
    public UnitNode visitSelectStep(SelectStepContext ctx) {
        List<SelectItem> items = ctx.selectItem().stream()
                .map(item -> new SelectItem(name(item.name()), Optional.ofNullable(item.expression()).map(this::expression),
                        span(item)))
                .toList();
        return new UnitNode.StepLine(new Step.Select(items, span(ctx)));
    }

    @Override
    public UnitNode visitGroupStep(GroupStepContext ctx) {
        List<Name> keys = ctx.nameList() == null ? List.of() : names(ctx.nameList());
        return new UnitNode.StepLine(new Step.Group(keys, assignments(ctx.assignmentList()), span(ctx)));
    }

    @Override
    public UnitNode visitJoinStep(JoinStepContext ctx) {
        List<JoinKey> keys = ctx.joinKey().stream()
                .map(key -> new JoinKey(expression(key.expression(0)), expression(key.expression(1)), span(key)))
                .toList();
        return new UnitNode.StepLine(new Step.Join(ctx.LEFT() != null, name(ctx.name()), keys, span(ctx)));
    }

    @Override
    public UnitNode visitSortStep(SortStepContext ctx) {
        List<SortKey> keys = ctx.sortKey().stream()
                .map(key -> new SortKey(name(key.name()), key.MINUS() != null, span(key)))
                .toList();
        return new UnitNode.StepLine(new Step.Sort(keys, span(ctx)));
    }

    @Override
    public UnitNode visitTakeStep(TakeStepContext ctx) {
        return new UnitNode.StepLine(new Step.Take(expression(ctx.expression()), span(ctx)));
    }

    @Override
    public UnitNode visitMapStep(MapStepContext ctx) {
        return new UnitNode.StepLine(new Step.MapKernel(text(ctx.STRING().getSymbol()),
                kernelParameters(ctx.kernelParameters()), span(ctx)));
    }

    @Override
    public UnitNode visitShardStep(ShardStepContext ctx) {
        return new UnitNode.StepLine(new Step.ShardRows(expression(ctx.expression()), span(ctx)));
    }

    @Override
    public UnitNode visitWriteStep(WriteStepContext ctx) {
        return new UnitNode.StepLine(new Step.Write(text(ctx.STRING().getSymbol()), span(ctx)));
    }

    private Source source(SourceContext ctx) {
        return switch (ctx) {
            case FileSourceContext file -> new Source.FileSource(text(file.STRING().getSymbol()),
                    file.csvSchema() == null ? List.of() : file.csvSchema().columnType().stream()
                            .map(column -> new ColumnType(name(column.name(0)), name(column.name(1)), span(column)))
                            .toList(),
                    span(ctx));
            case NamedSourceContext named -> new Source.NamedSource(name(named.name()), span(ctx));
            case BuiltSourceContext built -> constructed(built.constructedSource());
            default -> throw new IllegalStateException("unknown source " + ctx.getClass());
        };
    }

    private Source list(ListValueContext ctx) {
        if (ctx instanceof GeneratedListContext generated) {
            return new Source.GeneratedListSource(expression(generated.expression()),
                    constructed(generated.constructedSource()), span(ctx));
        }
        List<Source> elements = ((WrittenListContext) ctx).listElement().stream()
                .map(element -> switch (element) {
                    case BuiltElementContext built -> constructed(built.constructedSource());
                    case NamedElementContext named -> (Source) new Source.NamedSource(name(named.name()), span(named));
                    default -> throw new IllegalStateException("unknown list element " + element.getClass());
                })
                .toList();
        return new Source.ListSource(elements, span(ctx));
    }

    private Source constructed(ConstructedSourceContext ctx) {
        return switch (ctx) {
            case GenerateSourceContext generate -> new Source.GenerateSource(expression(generate.expression()),
                    assignments(generate.assignmentList()), span(ctx));
            case MatrixSourceContext matrix -> new Source.MatrixSource(expression(matrix.expression(0)),
                    expression(matrix.expression(1)), expression(matrix.expression(2)), span(ctx));
            case VectorSourceContext vector -> new Source.VectorSource(expression(vector.expression(0)),
                    expression(vector.expression(1)), span(ctx));
            case ReadMatrixSourceContext read -> new Source.ReadMatrixSource(text(read.STRING().getSymbol()), span(ctx));
            case BufferSourceContext buffer -> new Source.BufferSource(name(buffer.name()), switch (buffer.bufferShape()) {
                case BufferDimensionsContext dimensions -> dimensions.expression().stream().map(this::expression).toList();
                case BufferLengthContext length -> List.of(expression(length.expression()));
                default -> throw new IllegalStateException("unknown buffer shape");
            }, span(ctx));
            default -> throw new IllegalStateException("unknown source " + ctx.getClass());
        };
    }

    Expression expression(ExpressionContext ctx) {
        return (Expression) visit(ctx);
    }

    @Override
    public Expression visitIndexExpression(IndexExpressionContext ctx) {
        return new Expression.Index(expression(ctx.expression(0)), expression(ctx.expression(1)), span(ctx));
    }

    @Override
    public Expression visitNegateExpression(NegateExpressionContext ctx) {
        return new Expression.Unary(Expression.UnaryOperator.NEGATE, expression(ctx.expression()), span(ctx));
    }

    @Override
    public Expression visitNotExpression(NotExpressionContext ctx) {
        return new Expression.Unary(Expression.UnaryOperator.NOT, expression(ctx.expression()), span(ctx));
    }

    @Override
    public Expression visitBinaryExpression(BinaryExpressionContext ctx) {
        Expression.BinaryOperator operator = switch (ctx.operator.getType()) {
            case ShardParser.STAR -> Expression.BinaryOperator.MULTIPLY;
            case ShardParser.SLASH -> Expression.BinaryOperator.DIVIDE;
            case ShardParser.PERCENT -> Expression.BinaryOperator.REMAINDER;
            case ShardParser.PLUS -> Expression.BinaryOperator.ADD;
            case ShardParser.MINUS -> Expression.BinaryOperator.SUBTRACT;
            case ShardParser.EQ -> Expression.BinaryOperator.EQUAL;
            case ShardParser.NE -> Expression.BinaryOperator.NOT_EQUAL;
            case ShardParser.LT -> Expression.BinaryOperator.LESS;
            case ShardParser.LE -> Expression.BinaryOperator.LESS_OR_EQUAL;
            case ShardParser.GT -> Expression.BinaryOperator.GREATER;
            case ShardParser.GE -> Expression.BinaryOperator.GREATER_OR_EQUAL;
            case ShardParser.AND -> Expression.BinaryOperator.AND;
            case ShardParser.OR -> Expression.BinaryOperator.OR;
            default -> throw new IllegalStateException("unknown operator " + ctx.operator.getText());
        };
        return new Expression.Binary(operator, expression(ctx.expression(0)), expression(ctx.expression(1)), span(ctx));
    }

    @Override
    public Expression visitPrimaryExpression(PrimaryExpressionContext ctx) {
        return (Expression) visit(ctx.primary());
    }

    @Override
    public Expression visitLiteralPrimary(LiteralPrimaryContext ctx) {
        return signedLiteral(false, ctx.literal(), span(ctx));
    }

    @Override
    public Expression visitCallPrimary(CallPrimaryContext ctx) {
        List<Argument> arguments = ctx.argument().stream()
                .map(argument -> new Argument(Optional.ofNullable(argument.name()).map(this::name),
                        expression(argument.expression()), span(argument)))
                .toList();
        return new Expression.Call(name(ctx.name()), arguments, span(ctx));
    }

    @Override
    public Expression visitQualifiedPrimary(QualifiedPrimaryContext ctx) {
        return new Expression.NameReference(Optional.of(name(ctx.name(0))), name(ctx.name(1)), span(ctx));
    }

    @Override
    public Expression visitNamePrimary(NamePrimaryContext ctx) {
        return new Expression.NameReference(Optional.empty(), name(ctx.name()), span(ctx));
    }

    @Override
    public Expression visitParenPrimary(ParenPrimaryContext ctx) {
        return expression(ctx.expression());
    }

    private Expression.Literal signedLiteral(boolean negative, LiteralContext ctx, SourceSpan span) {
        Token token = ctx.start;
        SourceSpan tokenSpan = span(token, token);
        String text = token.getText();
        LiteralValue value = switch (token.getType()) {
            case ShardParser.INTEGER -> Literals.integer(negative ? "-" + text : text, tokenSpan, report);
            case ShardParser.DECIMAL -> Literals.decimal(negative ? "-" + text : text, tokenSpan, report);
            case ShardParser.SUFFIXED_NUMBER -> negate(negative, Literals.suffixed(text, tokenSpan, report));
            case ShardParser.STRING -> new LiteralValue.StringValue(Literals.string(text, tokenSpan, report));
            case ShardParser.TRUE -> new LiteralValue.BooleanValue(true);
            case ShardParser.FALSE -> new LiteralValue.BooleanValue(false);
            default -> new LiteralValue.NullValue();
        };
        return new Expression.Literal(value, span);
    }

    private static LiteralValue negate(boolean negative, LiteralValue value) {
        if (!negative) {
            return value;
        }
        return switch (value) {
            case LiteralValue.IntegerValue integer -> new LiteralValue.IntegerValue(-integer.value());
            case LiteralValue.ByteSize bytes -> new LiteralValue.ByteSize(-bytes.bytes());
            case LiteralValue.DoubleValue _, LiteralValue.StringValue _, LiteralValue.BooleanValue _,
                    LiteralValue.NullValue _ -> value;
        };
    }

    private List<Assignment> assignments(AssignmentListContext ctx) {
        return ctx.assignment().stream()
                .map(assignment -> new Assignment(name(assignment.name()), expression(assignment.expression()),
                        span(assignment)))
                .toList();
    }

    private List<Assignment> kernelParameters(KernelParametersContext ctx) {
        return ctx == null || ctx.assignmentList() == null ? List.of() : assignments(ctx.assignmentList());
    }

    private List<Name> names(NameListContext ctx) {
        return ctx.name().stream().map(this::name).toList();
    }

    private Name name(NameContext ctx) {
        return new Name(ctx.getText(), span(ctx));
    }

    private Text text(Token token) {
        SourceSpan span = span(token, token);
        return new Text(Literals.string(token.getText(), span, report), span);
    }

    private SourceSpan span(ParserRuleContext ctx) {
        return span(ctx.start, ctx.stop == null ? ctx.start : ctx.stop);
    }

    private SourceSpan span(Token first, Token last) {
        return source.span(first.getStartIndex(), Math.max(first.getStartIndex(), last.getStopIndex() + 1));
    }
}
