package dev.shard.dsl.ast;

import dev.shard.dsl.diag.SourceSpan;
import java.util.List;

/** Where a pipeline's rows (or a let's vector, matrix or buffer) come from. */
public sealed interface Source extends Node {

    /** {@code "trips.arrow"} or {@code "trips.csv" {fare: double}}. */
    record FileSource(Text path, List<ColumnType> schema, SourceSpan span) implements Source {
        public FileSource {
            schema = List.copyOf(schema);
        }
    }

    /** A let-bound table, vector or matrix. */
    record NamedSource(Name name, SourceSpan span) implements Source {
    }

    /** {@code generate(rows) {col = expr, ...}}: synthetic rows from the generator functions. */
    record GenerateSource(Expression rows, List<Assignment> columns, SourceSpan span) implements Source {
        public GenerateSource {
            columns = List.copyOf(columns);
        }
    }

    /** {@code matrix(n, p) {expr}}: cell (row(), col()) is the expression. */
    record MatrixSource(Expression rows, Expression columns, Expression cell, SourceSpan span) implements Source {
    }

    /** {@code vector(n) {expr}}: element row() is the expression. */
    record VectorSource(Expression length, Expression element, SourceSpan span) implements Source {
    }

    /** {@code read_matrix "x.arrow"}. */
    record ReadMatrixSource(Text path, SourceSpan span) implements Source {
    }

    /**
     * {@code [vector(1_000) {...}, y, read_matrix "m.arrow"]}: a list of vectors and matrices for
     * {@code apply each}; an element is a constructed source or a {@link NamedSource}.
     */
    record ListSource(List<Source> elements, SourceSpan span) implements Source {
        public ListSource {
            elements = List.copyOf(elements);
        }
    }

    /**
     * {@code list(k) { vector(n) {...} }}: k elements made from one source, in which
     * {@code index()} is the element's number (0 to k − 1).
     */
    record GeneratedListSource(Expression count, Source element, SourceSpan span) implements Source {
    }

    /** {@code buffer(double, p)} or {@code buffer(int, [r, c])}: a shared output buffer. */
    record BufferSource(Name elementType, List<Expression> dimensions, SourceSpan span) implements Source {
        public BufferSource {
            dimensions = List.copyOf(dimensions);
        }
    }
}
