package dev.shard.dsl.parse;

import dev.shard.dsl.ast.Expression;
import dev.shard.dsl.ast.ScriptAst;
import dev.shard.dsl.diag.Diagnostic;
import dev.shard.dsl.diag.ErrorCode;
import dev.shard.dsl.diag.SourceText;
import dev.shard.dsl.grammar.ShardLexer;
import dev.shard.dsl.grammar.ShardParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Script text → {@link ScriptAst} and syntax diagnostics. Lexes the whole script, cuts it
 * into units (lines), parses each unit on its own (SLL first; LL only when SLL fails, to
 * tell a real error from an SLL limitation), builds AST nodes and attaches steps to
 * their pipelines. A unit with an error yields exactly one diagnostic and is left out of
 * the tree; the other units are still parsed, so every line reports its error.
 */
public final class ScriptParser {
    private final ParseLimits limits;

    public ScriptParser(ParseLimits limits) {
        this.limits = limits;
    }

    public static ParseResult parse(SourceText source) {
        return new ScriptParser(ParseLimits.DEFAULT).parseScript(source);
    }

    public ParseResult parseScript(SourceText source) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        ScriptAst empty = new ScriptAst(source.file(), List.of(), source.span(0, 0));
        if (source.content().length() > limits.maxCharacters()) {
            diagnostics.add(Diagnostic.error(ErrorCode.SCRIPT_TOO_LARGE, source.span(0, 0),
                    "the script has " + source.content().length() + " characters; the limit is "
                            + limits.maxCharacters(),
                    "split it into smaller scripts, or generate data with `generate` instead of writing it inline"));
            return new ParseResult(source, empty, diagnostics);
        }
        List<Token> tokens = lex(source.content());
        List<Unit> units = new UnitSplitter(source, limits, diagnostics).split(tokens);
        ShardParser parser = new ShardParser(null);
        parser.removeErrorListeners();
        SyntaxMessages messages = new SyntaxMessages(source, parser.getVocabulary());
        AstBuilder builder = new AstBuilder(source, diagnostics::add);
        List<Optional<UnitNode>> nodes = new ArrayList<>(units.size());
        for (Unit unit : units) {
            nodes.add(unit.broken() ? Optional.empty()
                    : parseUnit(parser, unit, ShardParser::unit, messages, diagnostics).map(builder::unit));
        }
        ScriptAst ast = new StatementAssembler(source, diagnostics).assemble(units, nodes);
        return new ParseResult(source, ast, diagnostics);
    }

    /** Reads one literal of the language ({@code 20_000_000}, {@code 4GiB}, {@code "x"}) for a command-line override. */
    public Optional<Expression.Literal> parseLiteral(SourceText source, List<Diagnostic> diagnostics) {
        List<Token> tokens = lex(source.content());
        List<Token> significant = tokens.stream()
                .filter(token -> token.getType() != Token.EOF && token.getType() != ShardLexer.NEWLINE)
                .toList();
        if (significant.isEmpty()) {
            diagnostics.add(Diagnostic.error(ErrorCode.BAD_PARAM_VALUE, source.span(0, source.content().length()),
                    "the value is empty", "write a literal such as 20_000_000, 2.5, \"text\", true or 4GiB"));
            return Optional.empty();
        }
        ShardParser parser = new ShardParser(null);
        parser.removeErrorListeners();
        Unit unit = new Unit(significant, false, false);
        AstBuilder builder = new AstBuilder(source, diagnostics::add);
        Optional<ShardParser.LiteralUnitContext> tree = parseUnit(parser, unit, ShardParser::literalUnit, null, diagnostics);
        if (tree.isEmpty()) {
            String value = source.content().strip();
            int start = source.content().indexOf(value);
            diagnostics.add(Diagnostic.error(ErrorCode.BAD_PARAM_VALUE, source.span(start, start + value.length()),
                    "`" + value + "` is not a literal",
                    "write a literal such as 20_000_000, 2.5, \"text\", true or 4GiB"));
        }
        return tree.map(builder::literalUnit);
    }

    private <T extends ParserRuleContext> Optional<T> parseUnit(ShardParser parser, Unit unit,
                                                                Function<ShardParser, T> rule,
                                                                SyntaxMessages messages, List<Diagnostic> diagnostics) {
        CommonTokenStream stream = new CommonTokenStream(new ListTokenSource(unit.tokens()));
        parser.setTokenStream(stream);
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        T tree;
        try {
            tree = rule.apply(parser);
        } catch (ParseCancellationException sllFailed) {
            stream.seek(0);
            parser.reset();
            parser.setErrorHandler(new StopAtFirstErrorStrategy());
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            try {
                tree = rule.apply(parser);
            } catch (ParseCancellationException llFailed) {
                if (messages != null && llFailed.getCause() instanceof RecognitionException error) {
                    diagnostics.add(messages.describe(unit, error, expected(error)));
                }
                return Optional.empty();
            }
        }
        ParserRuleContext deep = TreeDepth.deeperThan(tree, limits.maxExpressionDepth());
        if (deep != null) {
            if (messages != null) {
                diagnostics.add(Diagnostic.error(ErrorCode.EXPRESSION_TOO_LONG,
                        messages.spanOf(unit), "this line's expression nests deeper than "
                                + limits.maxExpressionDepth() + " levels",
                        "split it into several `derive` steps or `let` values"));
            }
            return Optional.empty();
        }
        return Optional.of(tree);
    }

    private static IntervalSet expected(RecognitionException error) {
        try {
            return error.getExpectedTokens();
        } catch (RuntimeException noState) {
            return new IntervalSet();
        }
    }

    /**
     * All tokens including EOF. ANTLR counts code points; spans count UTF-16 chars, so
     * offsets are translated when the script has characters outside the BMP.
     */
    private static List<Token> lex(String content) {
        ShardLexer lexer = new ShardLexer(CharStreams.fromString(content));
        lexer.removeErrorListeners();
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = lexer.nextToken();
            tokens.add(token);
        } while (token.getType() != Token.EOF);
        if (content.codePointCount(0, content.length()) != content.length()) {
            for (Token each : tokens) {
                CommonToken writable = (CommonToken) each;
                int start = content.offsetByCodePoints(0, Math.min(each.getStartIndex(),
                        content.codePointCount(0, content.length())));
                int stop = each.getStopIndex() < each.getStartIndex() ? start - 1
                        : content.offsetByCodePoints(0, each.getStopIndex() + 1) - 1;
                writable.setStartIndex(start);
                writable.setStopIndex(stop);
            }
        }
        return tokens;
    }
}
