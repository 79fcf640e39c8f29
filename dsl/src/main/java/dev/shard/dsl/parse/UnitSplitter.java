package dev.shard.dsl.parse;

import static dev.shard.dsl.grammar.ShardLexer.*;

import dev.shard.dsl.diag.Diagnostic;
import dev.shard.dsl.diag.ErrorCode;
import dev.shard.dsl.diag.SourceText;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.Token;

/**
 * Cuts the token stream into {@link Unit}s: a newline outside brackets or a {@code |}
 * ends a unit; newlines inside brackets are dropped, so blocks may span lines. Reports
 * what the lexer let through as single tokens (stray characters, unterminated strings)
 * and brackets that stay open, and enforces the nesting limit before the parser recurses.
 */
final class UnitSplitter {
    /** Words that only ever start a line: seeing one inside brackets means a bracket was left open. */
    static final Set<Integer> LINE_STARTS = Set.of(PARAM, LET, FROM, FILTER, DERIVE, SELECT, GROUP, JOIN, SORT,
            TAKE, MAP, SHARD, WRITE, APPLY);

    private final SourceText source;
    private final ParseLimits limits;
    private final List<Diagnostic> diagnostics;
    private final List<Unit> units = new ArrayList<>();
    private final Deque<Token> open = new ArrayDeque<>();
    private List<Token> current = new ArrayList<>();
    private boolean broken;
    private boolean afterPipe;
    private Token pendingPipe;
    private int prefixRun;
    private boolean skipNext;

    UnitSplitter(SourceText source, ParseLimits limits, List<Diagnostic> diagnostics) {
        this.source = source;
        this.limits = limits;
        this.diagnostics = diagnostics;
    }

    List<Unit> split(List<? extends Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (skipNext) {
                skipNext = false;
                add(token);
                continue;
            }
            switch (token.getType()) {
                case Token.EOF -> {
                    closeAllAtEnd();
                    endOfLine();
                    finish();
                }
                case NEWLINE -> onNewline(tokens, i);
                case PIPE -> onPipe(tokens, i, token);
                default -> add(token);
            }
        }
        return units;
    }

    private void onNewline(List<? extends Token> tokens, int index) {
        if (open.isEmpty()) {
            endOfLine();
            finish();
            return;
        }
        Token next = nextSignificant(tokens, index);
        if (next != null && LINE_STARTS.contains(next.getType())) {
            reportUnclosed("before the next line starts with `" + next.getText() + "`");
            finish();
        }
    }

    private void onPipe(List<? extends Token> tokens, int index, Token token) {
        if (index + 1 < tokens.size() && tokens.get(index + 1).getType() == PIPE) {
            if (!broken) {
                report(ErrorCode.UNEXPECTED_CHARACTER, token, token.getStopIndex() + 2,
                        "`||` is not an operator", "write `or` to combine conditions");
            }
            broken = true;
            skipNext = true;
            add(token);
            return;
        }
        if (!open.isEmpty()) {
            add(token);
            return;
        }
        if (current.isEmpty() && pendingPipe == null && !broken) {
            report(ErrorCode.EMPTY_STEP, token, token.getStopIndex() + 1,
                    "`|` must stand between a source or step and the next step", "remove the `|`");
        }
        endOfLine();
        finish();
        pendingPipe = token;
    }

    /** A `|` with nothing after it before the line ends. */
    private void endOfLine() {
        if (current.isEmpty() && pendingPipe != null) {
            report(ErrorCode.EMPTY_STEP, pendingPipe, pendingPipe.getStopIndex() + 1,
                    "expected a pipeline step after `|`", "remove the `|`, or add a step such as `take 10`");
        }
        pendingPipe = null;
    }

    private void add(Token token) {
        if (current.isEmpty()) {
            afterPipe = pendingPipe != null;
            pendingPipe = null;
        }
        current.add(token);
        switch (token.getType()) {
            case LPAREN, LBRACK, LBRACE -> {
                open.push(token);
                checkNesting(token);
            }
            case RPAREN, RBRACK, RBRACE -> {
                if (!open.isEmpty()) {
                    open.pop();
                }
            }
            case UNEXPECTED_CHARACTER -> reportCharacter(token);
            case UNTERMINATED_STRING -> {
                if (!broken) {
                    report(ErrorCode.UNTERMINATED_STRING, token, token.getStopIndex() + 1,
                        "this string has no closing `\"` on its line",
                            "close it with `\"`; write a quote inside a string as `\\\"`");
                }
                broken = true;
            }
            default -> {
            }
        }
        prefixRun = token.getType() == MINUS || token.getType() == NOT ? prefixRun + 1 : 0;
        if (prefixRun > 0) {
            checkNesting(token);
        }
    }

    private void checkNesting(Token token) {
        if (broken || open.size() + prefixRun <= limits.maxNesting()) {
            return;
        }
        report(ErrorCode.NESTING_TOO_DEEP, token, token.getStopIndex() + 1,
                "brackets and prefix operators nest deeper than " + limits.maxNesting() + " levels here",
                "split the expression with `let` or `derive` steps");
        broken = true;
    }

    private void reportCharacter(Token token) {
        if (broken) {
            return;
        }
        String text = token.getText();
        String hint = switch (text) {
            case "!" -> "write `not` for negation and `!=` for inequality";
            case "&" -> "write `and` to combine conditions";
            case "'" -> "strings use double quotes: \"text\"";
            case ";" -> "a newline ends a step; no `;` is needed";
            default -> "remove it, or put it inside a string";
        };
        report(ErrorCode.UNEXPECTED_CHARACTER, token, token.getStopIndex() + 1,
                "unexpected character `" + text + "`", hint);
        broken = true;
    }

    private void closeAllAtEnd() {
        if (!open.isEmpty()) {
            reportUnclosed("before the end of the script");
        }
    }

    private void reportUnclosed(String where) {
        Token opener = open.peek();
        String closer = switch (opener.getType()) {
            case LPAREN -> ")";
            case LBRACK -> "]";
            default -> "}";
        };
        if (!broken) {
            report(ErrorCode.UNCLOSED_BRACKET, opener, opener.getStopIndex() + 1,
                    "`" + opener.getText() + "` is never closed " + where, "add `" + closer + "` where the block ends");
        }
        broken = true;
        open.clear();
    }

    private void finish() {
        if (!current.isEmpty()) {
            units.add(new Unit(current, broken, afterPipe));
        }
        current = new ArrayList<>();
        broken = false;
        afterPipe = false;
        prefixRun = 0;
        open.clear();
    }

    private static Token nextSignificant(List<? extends Token> tokens, int index) {
        for (int i = index + 1; i < tokens.size(); i++) {
            if (tokens.get(i).getType() != NEWLINE) {
                return tokens.get(i);
            }
        }
        return null;
    }

    private void report(ErrorCode code, Token token, int end, String message, String hint) {
        diagnostics.add(Diagnostic.error(code, source.span(token.getStartIndex(), end), message, hint));
    }
}
