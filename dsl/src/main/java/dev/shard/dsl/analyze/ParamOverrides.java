package dev.shard.dsl.analyze;

import dev.shard.dsl.ast.Expression;
import dev.shard.dsl.ast.LiteralValue;
import dev.shard.dsl.ast.Name;
import dev.shard.dsl.ast.Statement;
import dev.shard.dsl.diag.Diagnostic;
import dev.shard.dsl.diag.ErrorCode;
import dev.shard.dsl.diag.SourceText;
import dev.shard.dsl.parse.ParseLimits;
import dev.shard.dsl.parse.ScriptParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code -p name=value} from the command line. The value is read by the language's own
 * literal rules, so {@code rows=20_000_000}, {@code budget=4GiB} and {@code label="a b"}
 * mean what they mean in a script; the type must match the param's default.
 */
public final class ParamOverrides {
    /** The override, or the diagnostics (pointing into {@code text}) saying why it is not one. */
    public record Parsed(SourceText text, Optional<ParamOverride> override, List<Diagnostic> diagnostics) {
        public Parsed {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    private ParamOverrides() {
    }

    public static Parsed parse(String assignment) {
        SourceText text = new SourceText("-p " + assignment, assignment);
        List<Diagnostic> diagnostics = new ArrayList<>();
        int equals = assignment.indexOf('=');
        String name = equals < 0 ? "" : assignment.substring(0, equals).strip();
        if (equals < 0 || !name.matches("[A-Za-z_][A-Za-z_0-9]*")) {
            diagnostics.add(Diagnostic.error(ErrorCode.BAD_PARAM_VALUE, text.span(0, assignment.length()),
                    "`" + assignment + "` is not `name=value`", "write it as `-p rows=20_000_000`"));
            return new Parsed(text, Optional.empty(), diagnostics);
        }
        int nameStart = assignment.indexOf(name);
        Name parsedName = new Name(name, text.span(nameStart, nameStart + name.length()));
        String value = assignment.substring(equals + 1);
        SourceText valueText = new SourceText(text.file(), " ".repeat(equals + 1) + value);
        Optional<Expression.Literal> literal = new ScriptParser(ParseLimits.DEFAULT).parseLiteral(valueText, diagnostics);
        if (!diagnostics.isEmpty()) {
            return new Parsed(text, Optional.empty(), diagnostics);
        }
        return new Parsed(text, literal.map(parsed -> new ParamOverride(parsedName, parsed, text)), diagnostics);
    }

    /** A diagnostic when the override's type does not fit the param's default. */
    public static Optional<Diagnostic> checkType(ParamOverride override, Statement.ParamDeclaration param) {
        LiteralValue declared = param.value().value();
        LiteralValue given = override.value().value();
        if (fits(declared, given)) {
            return Optional.empty();
        }
        String hint = declared instanceof LiteralValue.ByteSize
                ? "a byte size takes a unit, such as 4GiB or 512MiB"
                : "write " + article(declared.typeName()) + " value";
        return Optional.of(Diagnostic.error(ErrorCode.PARAM_TYPE_MISMATCH, override.value().span(),
                "`" + param.name().text() + "` is " + article(declared.typeName()) + " param, but the value given is "
                        + article(given.typeName()),
                hint, "`" + param.name().text() + "` is declared at " + param.span().location()));
    }

    private static String article(String type) {
        return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
    }

    private static boolean fits(LiteralValue declared, LiteralValue given) {
        return switch (declared) {
            case LiteralValue.DoubleValue ignored ->
                    given instanceof LiteralValue.DoubleValue || given instanceof LiteralValue.IntegerValue;
            case LiteralValue.IntegerValue _, LiteralValue.StringValue _, LiteralValue.BooleanValue _,
                    LiteralValue.NullValue _, LiteralValue.ByteSize _ -> declared.getClass() == given.getClass();
        };
    }
}
