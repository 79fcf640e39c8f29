package dev.shard.dsl.run;

import dev.shard.dsl.ast.Source;
import dev.shard.dsl.ast.Statement;
import dev.shard.dsl.diag.SourceText;
import dev.shard.dsl.lower.LoweredScript;
import dev.shard.dsl.vector.MatrixFile;
import dev.shard.planner.matrix.MatrixApply;
import dev.shard.runtime.task.Margin;
import dev.shard.storage.layout.ElementType;
import java.nio.file.Path;
import java.util.List;

/**
 * An {@code apply rows|columns} statement as the planner's {@link MatrixApply}, worked out from
 * the script alone (sizes from params, a {@code read_matrix} file's header), so explain sizes it
 * without making any buffer and the run sizes it the same way.
 */
final class ApplyShapes {
    private final LoweredScript script;
    private final SourceText source;
    private final Sizes sizes;

    ApplyShapes(LoweredScript script, SourceText source) {
        this.script = script;
        this.source = source;
        this.sizes = new Sizes(script.constants());
    }

    MatrixApply describe(Statement.ApplyStatement apply) {
        if (apply.margin() == Statement.Margin.EACH) {
            throw new IllegalArgumentException("`apply each` calls once per list element: it is not a matrix apply");
        }
        String matrix = apply.matrix().text();
        long[] shape = shape(matrix);
        if (shape.length != 2) {
            throw new IllegalArgumentException("`" + matrix + "` is not a matrix: apply rows or columns needs one");
        }
        List<MatrixApply.SideInput> sides = apply.sideInputs().stream()
                .map(side -> new MatrixApply.SideInput(side.text(), bytes(side.text()))).toList();
        String function = switch (apply.body()) {
            case Statement.ApplyBody.ExpressionBody expression -> source.content()
                    .substring(expression.expression().span().startOffset(), expression.expression().span().endOffset());
            case Statement.ApplyBody.KernelBody kernel -> "kernel " + kernel.className().value();
        };
        Margin margin = apply.margin() == Statement.Margin.ROWS ? Margin.ROWS : Margin.COLUMNS;
        return new MatrixApply(matrix, shape[0], shape[1], margin, sides, function, apply.into().text(), 0, 0);
    }

    /** Dimensions of a let-bound vector ({@code [n]}), matrix or buffer. */
    private long[] shape(String name) {
        return switch (script.matrixValues().get(name)) {
            case Source.VectorSource vector -> new long[] {sizes.of(vector.length())};
            case Source.MatrixSource matrix -> new long[] {sizes.of(matrix.rows()), sizes.of(matrix.columns())};
            case Source.BufferSource buffer -> buffer.dimensions().stream().mapToLong(sizes::of).toArray();
            case Source.ReadMatrixSource read -> {
                try (MatrixFile file = MatrixFile.open(Path.of(read.path().value()).toAbsolutePath())) {
                    yield new long[] {file.rows(), file.columns()};
                }
            }
            case Source.NamedSource named -> shape(named.name().text());
            case null -> throw notShaped(name);
            case Source.FileSource _, Source.GenerateSource _, Source.ListSource _, Source.GeneratedListSource _ ->
                    throw notShaped(name);
        };
    }

    private static IllegalArgumentException notShaped(String name) {
        return new IllegalArgumentException("`" + name + "` is not a vector, matrix or buffer");
    }

    private long bytes(String name) {
        long cells = 1;
        for (long dimension : shape(name)) {
            cells = Math.multiplyExact(cells, dimension);
        }
        int element = script.matrixValues().get(name) instanceof Source.BufferSource buffer
                ? ElementType.parse(buffer.elementType().text()).bytes() : Double.BYTES;
        return Math.multiplyExact(cells, element);
    }
}
