package dev.shard.dsl.analyze;

import dev.shard.dsl.ast.Source;
import dev.shard.dsl.diag.Diagnostic;
import dev.shard.dsl.diag.ErrorCode;
import dev.shard.dsl.diag.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code let parts = [vector(n) {...}, X, read_matrix "m.arrow"]}: a list is not empty and
 * holds vectors and matrices only, since {@code apply each} shares every element as a
 * double buffer. Element sizes are kept when they are constants, for the apply's checks.
 */
final class ListChecker {
    /**
     * One element of a list: its kind, its sizes when constant, and where it is written;
     * {@code generated}: it stands for every element of a {@code list(k) {...}}.
     */
    record Element(Binding.Kind kind, List<Long> dimensions, SourceSpan span, boolean generated) {
        Element {
            dimensions = List.copyOf(dimensions);
        }

        Element(Binding.Kind kind, List<Long> dimensions, SourceSpan span) {
            this(kind, dimensions, span, false);
        }

        /** How many values the element holds, when its sizes are constants. */
        Optional<Long> values() {
            if (dimensions.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(dimensions.stream().reduce(1L, Math::multiplyExact));
        }
    }

    /** Each element is a segment and an input of the run: past this, a matrix serves better. */
    static final long MAX_ELEMENTS = 10_000;

    private static final String ELEMENTS_HINT = "a list holds vectors and matrices: `vector(n) {...}`,"
            + " `matrix(n, p) {...}`, `read_matrix \"file.arrow\"` or the let name of one";

    private final PipelineChecker pipelines;
    private final ExpressionChecker expressions;
    private final List<Diagnostic> diagnostics;

    ListChecker(PipelineChecker pipelines, ExpressionChecker expressions, List<Diagnostic> diagnostics) {
        this.pipelines = pipelines;
        this.expressions = expressions;
        this.diagnostics = diagnostics;
    }

    /** {@code list(k) { source }}: k at least 1, and one vector or matrix source, where {@code index()} is allowed. */
    PipelineChecker.Shape generated(Source.GeneratedListSource list,
                                    Function<Source, PipelineChecker.Shape> elementShape) {
        Optional<Long> count = pipelines.count(list.count(), "list", 1);
        if (count.isPresent() && count.get() > MAX_ELEMENTS) {
            diagnostics.add(Diagnostic.error(ErrorCode.BAD_COUNT, list.count().span(),
                    "`list` makes at most " + MAX_ELEMENTS + " elements, but this is " + count.get(),
                    "each element is a shared segment of its own; for many equal-sized vectors use"
                            + " `matrix(n, k) {...}` and `apply columns`"));
            count = Optional.empty();
        }
        Source source = list.element();
        Optional<Element> element = switch (source) {
            case Source.VectorSource ignored -> expressions.withListIndex(() -> made(source, elementShape))
                    .map(made -> new Element(made.kind(), made.dimensions(), made.span(), true));
            case Source.MatrixSource ignored -> expressions.withListIndex(() -> made(source, elementShape))
                    .map(made -> new Element(made.kind(), made.dimensions(), made.span(), true));
            case Source.ReadMatrixSource ignored -> made(source, elementShape)
                    .map(made -> new Element(made.kind(), made.dimensions(), made.span(), true));
            case Source.FileSource _, Source.NamedSource _, Source.GenerateSource _, Source.ListSource _,
                    Source.GeneratedListSource _, Source.BufferSource _ -> element(source, elementShape);
        };
        String detail = count.map(k -> count(k, "element", "elements") + ", generated").orElse("generated");
        return new PipelineChecker.Shape(Binding.Kind.LIST, detail, count.map(List::of).orElse(List.of()),
                element.stream().toList());
    }

    PipelineChecker.Shape shape(Source.ListSource list, Function<Source, PipelineChecker.Shape> elementShape) {
        if (list.elements().isEmpty()) {
            diagnostics.add(Diagnostic.error(ErrorCode.EMPTY_LIST, list.span(),
                    "this list is empty, but `apply each` needs at least one element",
                    ELEMENTS_HINT + ", separated by commas"));
        }
        List<Element> elements = new ArrayList<>();
        for (Source source : list.elements()) {
            element(source, elementShape).ifPresent(elements::add);
        }
        long vectors = elements.stream().filter(element -> element.kind() == Binding.Kind.VECTOR).count();
        long matrices = elements.size() - vectors;
        String detail = count(list.elements().size(), "element", "elements") + (vectors > 0 && matrices > 0
                ? ": " + count(vectors, "vector", "vectors") + ", " + count(matrices, "matrix", "matrices") : "");
        return new PipelineChecker.Shape(Binding.Kind.LIST, detail, List.of((long) list.elements().size()), elements);
    }

    private static String count(long count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }

    private Optional<Element> element(Source source, Function<Source, PipelineChecker.Shape> elementShape) {
        return switch (source) {
            case Source.NamedSource named -> pipelines.requireKind(named.name(), null, ELEMENTS_HINT)
                    .flatMap(binding -> fits(binding.kind(), "`" + named.name().text() + "` is "
                            + binding.kind().description(), source.span(), binding.describe())
                            .map(kind -> new Element(kind, binding.dimensions(), source.span())));
            case Source.VectorSource ignored -> made(source, elementShape);
            case Source.MatrixSource ignored -> made(source, elementShape);
            case Source.ReadMatrixSource ignored -> made(source, elementShape);
            case Source.GenerateSource ignored -> refuse(source, "`generate` makes a table");
            case Source.BufferSource ignored -> refuse(source, "`buffer` makes an output buffer");
            case Source.FileSource ignored -> refuse(source, "a file source makes a table");
            case Source.ListSource ignored -> refuse(source, "a list cannot hold a list");
            case Source.GeneratedListSource ignored -> refuse(source, "a list cannot hold a list");
        };
    }

    private Optional<Element> made(Source source, Function<Source, PipelineChecker.Shape> elementShape) {
        PipelineChecker.Shape shape = elementShape.apply(source);
        return Optional.of(new Element(shape.kind(), shape.dimensions(), source.span()));
    }

    private Optional<Element> refuse(Source source, String what) {
        diagnostics.add(Diagnostic.error(ErrorCode.BAD_LIST_ELEMENT, source.span(),
                what + ", which a list cannot hold", ELEMENTS_HINT));
        return Optional.empty();
    }

    private Optional<Binding.Kind> fits(Binding.Kind kind, String what, SourceSpan span, String declared) {
        if (kind == Binding.Kind.VECTOR || kind == Binding.Kind.MATRIX) {
            return Optional.of(kind);
        }
        diagnostics.add(Diagnostic.error(ErrorCode.BAD_LIST_ELEMENT, span, what + ", which a list cannot hold",
                declared, ELEMENTS_HINT));
        return Optional.empty();
    }
}
