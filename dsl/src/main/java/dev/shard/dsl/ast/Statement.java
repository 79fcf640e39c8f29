package dev.shard.dsl.ast;

import dev.shard.dsl.diag.SourceSpan;
import java.util.List;

/** A top-level statement of a script. */
public sealed interface Statement extends Node {

    /** {@code param rows = 10_000_000}: a named literal that {@code -p rows=...} overrides. */
    record ParamDeclaration(Name name, Expression.Literal value, SourceSpan span) implements Statement {
    }

    /** {@code let name = <pipeline or expression>}: bound once, used by later statements. */
    record LetDeclaration(Name name, LetValue value, SourceSpan span) implements Statement {
    }

    /** A pipeline run for its effect: written to a file, or printed when it has no {@code write}. */
    record PipelineStatement(Pipeline pipeline, SourceSpan span) implements Statement {
    }

    /**
     * {@code apply columns of X with y into r: cor(column, y)}; with {@link Margin#EACH},
     * {@code apply each of parts with y into r: mean(item)} and {@code matrix} names a list.
     */
    record ApplyStatement(Margin margin, Name matrix, List<Name> sideInputs, Name into, ApplyBody body,
                          SourceSpan span) implements Statement {
        public ApplyStatement {
            sideInputs = List.copyOf(sideInputs);
        }
    }

    /** {@code write r "out/colcor.csv"}: an output buffer to a file. */
    record WriteBuffer(Name buffer, Text path, SourceSpan span) implements Statement {
    }

    /**
     * Which slices an apply visits; the body sees them as {@code row}, {@code column}, or
     * {@code item} (each element of a list, memLapply).
     */
    enum Margin {
        ROWS("row"),
        COLUMNS("column"),
        EACH("item");

        private final String variable;

        Margin(String variable) {
            this.variable = variable;
        }

        /** The name the apply body uses for the current slice. */
        public String variable() {
            return variable;
        }
    }

    /** The body of an apply: an expression over the slice, or a named kernel. */
    sealed interface ApplyBody {
        record ExpressionBody(Expression expression) implements ApplyBody {
        }

        record KernelBody(Text className, List<Assignment> parameters) implements ApplyBody {
            public KernelBody {
                parameters = List.copyOf(parameters);
            }
        }
    }
}
