package dev.shard.dsl.ast;

import dev.shard.dsl.diag.SourceSpan;
import java.util.List;
import java.util.Optional;

/** Expressions, evaluated per row (or per cell, element, slice). */
public sealed interface Expression extends LetValue {

    record Literal(LiteralValue value, SourceSpan span) implements Expression {
    }

    /** A column, param or let name; {@code customers.id} has a qualifier. */
    record NameReference(Optional<Name> qualifier, Name name, SourceSpan span) implements Expression {
    }

    /** {@code random_int(6, stream = 1)}; also {@code if}, the casts and the aggregates. */
    record Call(Name function, List<Argument> arguments, SourceSpan span) implements Expression {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    record Unary(UnaryOperator operator, Expression operand, SourceSpan span) implements Expression {
    }

    record Binary(BinaryOperator operator, Expression left, Expression right, SourceSpan span) implements Expression {
    }

    /** {@code y[row()]}. */
    record Index(Expression target, Expression index, SourceSpan span) implements Expression {
    }

    enum UnaryOperator {
        NEGATE("-"), NOT("not");

        private final String symbol;

        UnaryOperator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    enum BinaryOperator {
        MULTIPLY("*"), DIVIDE("/"), REMAINDER("%"), ADD("+"), SUBTRACT("-"),
        EQUAL("=="), NOT_EQUAL("!="), LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">="),
        AND("and"), OR("or");

        private final String symbol;

        BinaryOperator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }
}
