package dev.shard.dsl.parse;

import static dev.shard.dsl.grammar.ShardLexer.*;

import dev.shard.dsl.diag.Diagnostic;
import dev.shard.dsl.diag.ErrorCode;
import dev.shard.dsl.diag.SourceSpan;
import dev.shard.dsl.diag.SourceText;
import dev.shard.dsl.diag.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns the first syntax error of a unit into a message that names what was expected
 * in words ("an expression", "a source", "`)`"), never a list of token names, plus a
 * usage hint for the line's verb.
 */
final class SyntaxMessages {
    static final List<String> LINE_WORDS = List.of("param", "let", "from", "apply", "write", "filter", "derive",
            "select", "group", "join", "sort", "take", "map", "shard");

    private static final Map<Integer, String> USAGE = Map.ofEntries(
            Map.entry(PARAM, "usage: `param name = literal`, such as `param rows = 10_000`"),
            Map.entry(LET, "usage: `let name = from <source> ...`, `let name = vector(n) {...}`,"
                    + " `let name = [vector(n) {...}, ...]`, `let name = list(k) {vector(n) {...}}` or"
                    + " `let name = <expression>`"),
            Map.entry(FROM, "usage: `from <source>`: a file path in quotes, a let name, `generate(rows) {col = expr}`,"
                    + " `matrix(n, p) {expr}`, `vector(n) {expr}` or `read_matrix \"file.arrow\"`"),
            Map.entry(FILTER, "usage: `filter <condition>`, such as `filter fare > 5`"),
            Map.entry(DERIVE, "usage: `derive name = expression, ...`"),
            Map.entry(SELECT, "usage: `select a, b, c = expression`"),
            Map.entry(GROUP, "usage: `group {key, ...} (aggregate {name = sum(x), ...})`"),
            Map.entry(JOIN, "usage: `join [left] <let name> (column == name.column, ...)`"),
            Map.entry(SORT, "usage: `sort {a, -b}` (`-` sorts descending)"),
            Map.entry(TAKE, "usage: `take <count>`, such as `take 10`"),
            Map.entry(MAP, "usage: `map kernel \"com.example.MyKernel\" {name = value, ...}`"),
            Map.entry(SHARD, "usage: `shard rows <count>`, such as `shard rows 64K`"),
            Map.entry(WRITE, "usage: `write \"out/result.csv\"` ending a pipeline, or `write <buffer> \"out/r.csv\"`"),
            Map.entry(APPLY, "usage: `apply columns of X with y into r: cor(column, y)` or"
                    + " `apply rows of X into s: sum(row)` or `apply each of parts into r: mean(item)`"));

    private static final java.util.Set<Integer> LIST_VERBS = java.util.Set.of(DERIVE, SELECT, GROUP, SORT, JOIN);

    private final SourceText source;
    private final Vocabulary vocabulary;

    SyntaxMessages(SourceText source, Vocabulary vocabulary) {
        this.source = source;
        this.vocabulary = vocabulary;
    }

    Diagnostic describe(Unit unit, RecognitionException error, IntervalSet expected) {
        Token found = error.getOffendingToken();
        int index = found == null ? -1 : unit.tokens().indexOf(found);
        if (found == null || found.getType() == Token.EOF) {
            index = unit.tokens().size();
        }
        Token previous = index > 0 ? unit.tokens().get(index - 1) : null;
        if (previous == null) {
            return unknownLineStart(unit);
        }
        SourceSpan span = found == null || found.getType() == Token.EOF
                ? source.span(previous.getStopIndex() + 1, previous.getStopIndex() + 1)
                : source.span(found.getStartIndex(), found.getStopIndex() + 1);
        String foundText = found == null || found.getType() == Token.EOF ? null : found.getText();
        List<String> hints = new ArrayList<>();
        String message;
        if (expected.contains(Token.EOF) && foundText != null) {
            message = "unexpected `" + foundText + "` after `" + previous.getText() + "`";
            if (expected.contains(COMMA) || LIST_VERBS.contains(unit.first().getType()) && found.getType() != ASSIGN) {
                hints.add("separate items with `,`");
            }
        } else {
            message = "expected " + phrase(expected, previous) + " after `" + previous.getText() + "`"
                    + (foundText == null ? "" : ", found `" + foundText + "`");
        }
        if (found != null && found.getType() == ASSIGN && !expected.contains(ASSIGN)) {
            hints.add("compare with `==`; a single `=` names a value");
        }
        if (found != null && isReservedWord(found) && expected.contains(IDENTIFIER)) {
            hints.add("`" + found.getText() + "` is a reserved word; choose another name");
        }
        String usage = USAGE.get(unit.first().getType());
        if (usage != null) {
            hints.add(usage);
        }
        return Diagnostic.error(ErrorCode.UNEXPECTED_INPUT, span, message, hints);
    }

    SourceSpan spanOf(Unit unit) {
        return source.span(unit.first().getStartIndex(), unit.tokens().getLast().getStopIndex() + 1);
    }

    private Diagnostic unknownLineStart(Unit unit) {
        Token first = unit.first();
        SourceSpan span = source.span(first.getStartIndex(), first.getStopIndex() + 1);
        List<String> hints = new ArrayList<>();
        if (first.getType() == IDENTIFIER) {
            Suggestions.didYouMean(first.getText(), LINE_WORDS).ifPresent(hints::add);
            if (unit.tokens().size() > 1 && unit.tokens().get(1).getType() == ASSIGN) {
                hints.add("to name a value, write `let " + first.getText() + " = ...` or `param "
                        + first.getText() + " = ...`");
            }
            hints.add("a line starts with a statement (param, let, from, apply, write) or a pipeline verb"
                    + " (filter, derive, select, group, join, sort, take, map, shard, write)");
            return Diagnostic.error(ErrorCode.UNKNOWN_VERB, span,
                    "`" + first.getText() + "` is not a statement or a pipeline verb", hints);
        }
        hints.add("a line starts with a statement (param, let, from, apply, write) or a pipeline verb");
        return Diagnostic.error(ErrorCode.UNEXPECTED_INPUT, span,
                "a line cannot start with `" + first.getText() + "`", hints);
    }

    private String phrase(IntervalSet expected, Token previous) {
        if (previous.getType() == LBRACK && expected.contains(RBRACK) && !expected.contains(INTEGER)) {
            // The start of a list: ANTLR has left the optional elements and only `]` remains.
            return "a list element (`vector(n) {...}`, `matrix(n, p) {...}`, `read_matrix \"file\"` or a let name)"
                    + " or `]`";
        }
        return phrase(expected);
    }

    private String phrase(IntervalSet expected) {
        if (expected.contains(FROM) && expected.contains(GENERATE)) {
            return "a value (`from <source>`, a vector, matrix, buffer or list, or an expression)";
        }
        if (expected.contains(GENERATE)) {
            return "a source (a file path in quotes, a let name, generate, matrix, vector, read_matrix or buffer)";
        }
        if (expected.contains(INTEGER) && expected.contains(IDENTIFIER) && expected.contains(LPAREN)) {
            return "an expression";
        }
        if (expected.contains(INTEGER) && !expected.contains(IDENTIFIER)) {
            return "a literal (a number, string, byte size, true, false or null)";
        }
        List<String> words = new ArrayList<>();
        if (expected.contains(IDENTIFIER)) {
            words.add("a name");
        }
        for (int type : expected.toList()) {
            if (type == IDENTIFIER || isSoftKeyword(type) && expected.contains(IDENTIFIER)) {
                continue;
            }
            words.add(display(type));
        }
        if (words.isEmpty()) {
            return "more input";
        }
        if (words.size() > 4) {
            return String.join(", ", words.subList(0, 4)) + " or another item";
        }
        if (words.size() == 1) {
            return words.getFirst();
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.getLast();
    }

    private String display(int type) {
        return switch (type) {
            case Token.EOF -> "the end of the line";
            case STRING -> "a string in double quotes";
            case INTEGER -> "a number";
            default -> {
                String literal = vocabulary.getLiteralName(type);
                yield literal == null ? vocabulary.getDisplayName(type).toLowerCase(java.util.Locale.ROOT)
                        : "`" + literal.substring(1, literal.length() - 1) + "`";
            }
        };
    }

    private static boolean isSoftKeyword(int type) {
        return type == ROWS || type == COLUMNS || type == EACH || type == LIST || type == OF || type == WITH
                || type == INTO || type == KERNEL || type == LEFT || type == AGGREGATE;
    }

    private static boolean isReservedWord(Token token) {
        int type = token.getType();
        return type >= PARAM && type <= NULL;
    }
}
