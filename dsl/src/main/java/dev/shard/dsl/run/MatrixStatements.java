package dev.shard.dsl.run;

import dev.shard.dsl.api.Session;
import dev.shard.dsl.ast.Expression;
import dev.shard.dsl.ast.Name;
import dev.shard.dsl.ast.Source;
import dev.shard.dsl.ast.Statement;
import dev.shard.dsl.diag.SourceText;
import dev.shard.dsl.lower.LoweredScript;
import dev.shard.dsl.vector.MatrixFile;
import dev.shard.planner.matrix.ApplyActuals;
import dev.shard.planner.matrix.MatrixApplyPlan;
import dev.shard.runtime.api.Run;
import dev.shard.runtime.api.RunOptions;
import dev.shard.runtime.report.RunReport;
import dev.shard.runtime.task.Shards;
import dev.shard.storage.buffer.BufferSpec;
import dev.shard.storage.buffer.OutputBuffer;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.share.SharedHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The matrix statements of a script on the session's pool: let-bound vectors and matrices
 * are shared double buffers filled by the workers in parallel (each shard its elements or
 * columns, straight into the segment); output buffers are made on first use; {@code apply}
 * runs one shard of rows or columns per task, reading X in place and writing r[k].
 */
final class MatrixStatements implements AutoCloseable {
    private final Session session;
    private final LoweredScript script;
    private final SourceText source;
    private final Map<String, OutputBuffer> buffers = new LinkedHashMap<>();
    private final Sizes sizes;
    private final Map<String, List<OutputBuffer>> lists = new LinkedHashMap<>();
    /** Buffers of list elements written in the list itself, which no let name owns. */
    private final List<OutputBuffer> owned = new ArrayList<>();

    MatrixStatements(Session session, LoweredScript script, SourceText source) {
        this.session = session;
        this.script = script;
        this.source = source;
        this.sizes = new Sizes(script.constants());
    }

    /**
     * What an apply statement ran: its report, its sized plan (none for {@code apply each}, which
     * runs in balanced shards on the pool) and the calls made.
     */
    record AppliedRun(RunReport report, Optional<MatrixApplyPlan> plan, long calls) {
        ApplyActuals actuals() {
            return ApplyActuals.of(report, calls);
        }
    }

    AppliedRun apply(Statement.ApplyStatement apply) {
        if (apply.margin() == Statement.Margin.EACH) {
            RunReport report = new ListApply(session, script, this).apply(apply);
            return new AppliedRun(report, Optional.empty(), value(apply.into().text()).length());
        }
        OutputBuffer matrix = value(apply.matrix().text());
        OutputBuffer into = value(apply.into().text());
        List<String> sides = apply.sideInputs().stream().map(Name::text).toList();
        RunOptions options = RunOptions.none().withInput(ApplyBodyKernel.MATRIX, matrix.reference())
                .withOutput(ApplyBodyKernel.INTO, into.reference());
        for (String side : sides) {
            options = options.withInput(side, value(side).reference());
        }
        boolean columns = apply.margin() == Statement.Margin.COLUMNS;
        long count = columns ? matrix.columns() : matrix.rows();
        if (into.length() != count) {
            throw new IllegalArgumentException("`" + apply.into().text() + "` holds " + into.length()
                    + " values but the apply makes " + count + " (one per " + apply.margin().variable() + ")");
        }
        VectorBody body = switch (apply.body()) {
            case Statement.ApplyBody.ExpressionBody expression ->
                    new BodyCompiler(apply.margin().variable(), Set.copyOf(sides), script.constants())
                            .compile(expression.expression());
            case Statement.ApplyBody.KernelBody kernel -> throw new UnsupportedOperationException(
                    "apply with a kernel class is not supported by scripts yet: use a built-in vector function"
                            + " (sum, mean, var, sd, min, max, norm, dot, cor)");
        };
        MatrixApplyPlan plan = session.planApply(new ApplyShapes(script, source).describe(apply));
        Run<Long> run = session.pool().shardMap(plan.shards(),
                new ApplyBodyKernel(body, columns, matrix.rows(), matrix.columns(), sides), options);
        long calls = run.results().stream().mapToLong(Long::longValue).sum();
        return new AppliedRun(run.report(), Optional.of(plan), calls);
    }

    void write(String buffer, java.nio.file.Path path) {
        BufferFiles.writeCsv(buffer, value(buffer), path);
    }

    /**
     * The matrix bound to {@code name} as a shared matrix handle, for scanning it as a table:
     * the buffer's data read in place (same segment and layout descriptor), made on first use.
     */
    SharedHandle handle(String name) {
        OutputBuffer matrix = value(name);
        if (matrix.rank() != 2 || matrix.type() != ElementType.DOUBLE) {
            throw new IllegalArgumentException("`" + name + "` is not a matrix of doubles, so it cannot be read as a"
                    + " table");
        }
        var info = matrix.info();
        return new SharedHandle(matrix.path().toString(), info.backing(), matrix.descriptor().dataOffset(),
                matrix.descriptor().dataBytes(), ElementType.DOUBLE, matrix.dims());
    }

    /** The buffer bound to {@code name}, made (and for vectors and matrices filled) on first use. */
    OutputBuffer value(String name) {
        OutputBuffer existing = buffers.get(name);
        if (existing != null) {
            return existing;
        }
        Source source = script.matrixValues().get(name);
        if (source == null || source instanceof Source.ListSource || source instanceof Source.GeneratedListSource) {
            throw new IllegalArgumentException("`" + name + "` is not a vector, matrix or buffer");
        }
        OutputBuffer made = make(name, source);
        buffers.put(name, made);
        return made;
    }

    /**
     * The elements of the list bound to {@code name}, each a shared buffer made once: a let
     * name is that let's buffer, and an element written in the list is made and filled here.
     */
    List<OutputBuffer> list(String name) {
        List<OutputBuffer> existing = lists.get(name);
        if (existing != null) {
            return existing;
        }
        List<OutputBuffer> elements = new ArrayList<>();
        switch (script.matrixValues().get(name)) {
            case Source.ListSource list -> {
                for (int index = 0; index < list.elements().size(); index++) {
                    Source element = list.elements().get(index);
                    elements.add(element instanceof Source.NamedSource named ? value(named.name().text())
                            : own(make(name + "[" + index + "]", element)));
                }
            }
            case Source.GeneratedListSource list -> {
                long count = sizes.of(list.count());
                for (long index = 0; index < count; index++) {
                    elements.add(own(make(name + "[" + index + "]", ListIndex.element(list.element(), index))));
                }
            }
            case null -> throw notAList(name);
            case Source.FileSource _, Source.NamedSource _, Source.GenerateSource _, Source.MatrixSource _,
                    Source.VectorSource _, Source.ReadMatrixSource _, Source.BufferSource _ -> throw notAList(name);
        }
        lists.put(name, List.copyOf(elements));
        return lists.get(name);
    }

    private static IllegalArgumentException notAList(String name) {
        return new IllegalArgumentException("`" + name + "` is not a list");
    }

    private OutputBuffer own(OutputBuffer element) {
        owned.add(element);
        return element;
    }

    private OutputBuffer make(String name, Source source) {
        return switch (source) {
            case Source.VectorSource vector -> fill(name, source,
                    BufferSpec.vector(ElementType.DOUBLE, sizes.of(vector.length())), vector.element(), true);
            case Source.MatrixSource matrix -> fill(name, source, BufferSpec.matrix(ElementType.DOUBLE,
                    sizes.of(matrix.rows()), sizes.of(matrix.columns())), matrix.cell(), false);
            case Source.BufferSource buffer -> OutputBuffer.create(BufferSpec.of(
                    ElementType.parse(buffer.elementType().text()),
                    buffer.dimensions().stream().mapToLong(sizes::of).toArray()));
            case Source.ReadMatrixSource read -> read(name, read);
            case Source.FileSource _, Source.NamedSource _, Source.GenerateSource _, Source.ListSource _,
                    Source.GeneratedListSource _ ->
                    throw new IllegalArgumentException("`" + name + "` is not a vector, matrix or buffer");
        };
    }

    /** {@code read_matrix "m.arrow"}: the file's double columns copied once into a shared matrix buffer. */
    private OutputBuffer read(String name, Source.ReadMatrixSource read) {
        try (MatrixFile file = MatrixFile.open(Path.of(read.path().value()).toAbsolutePath())) {
            OutputBuffer target = OutputBuffer.create(BufferSpec.matrix(ElementType.DOUBLE, file.rows(), file.columns()));
            try {
                file.copyInto(target.data());
                return target;
            } catch (RuntimeException failed) {
                target.close();
                throw failed;
            }
        } catch (RuntimeException unreadable) {
            throw new ScriptRunException(FailureLocation.step(source, read.span()) + " failed reading `" + name
                    + "`: " + unreadable.getMessage(), unreadable);
        }
    }

    private OutputBuffer fill(String name, Source made, BufferSpec spec, Expression body, boolean vector) {
        Set<String> vectors = new java.util.HashSet<>();
        script.matrixValues().forEach((bound, value) -> {
            if (value instanceof Source.VectorSource) {
                vectors.add(bound);
            }
        });
        List<String> used = new ArrayList<>();
        collectIndexed(body, vectors, used);
        CellProgram cell = new CellCompiler(script.constants(), vectors).compile(body);
        VectorizedCell vectorized = new CellExpressions(script.constants(), vectors).lower(body)
                .flatMap(expr -> VectorizedCell.of(expr, used)).orElse(null);
        RunOptions options = RunOptions.none();
        for (String vectorName : used) {
            options = options.withInput(vectorName, value(vectorName).reference());
        }
        OutputBuffer target = OutputBuffer.create(spec);
        try {
            long rows = vector ? target.length() : target.rows();
            long count = vector ? target.length() : target.columns();
            Run<Long> run = session.pool().shardMap(Shards.auto(count, session.workers()),
                    new FillKernel(vectorized, cell, rows, vector, used), options.withOutput(FillKernel.TARGET, target.reference()));
            run.results();
            return target;
        } catch (RuntimeException failure) {
            target.close();
            var shard = FailureLocation.shardFailure(failure);
            if (shard.isEmpty()) {
                throw failure;
            }
            throw new ScriptRunException(FailureLocation.step(source, made.span()) + " failed filling `" + name
                    + "` in " + FailureLocation.shard(shard.get()), failure);
        }
    }

    private static void collectIndexed(Expression expression, Set<String> vectors, List<String> used) {
        switch (expression) {
            case Expression.Index index -> {
                if (index.target() instanceof Expression.NameReference name && vectors.contains(name.name().text())
                        && !used.contains(name.name().text())) {
                    used.add(name.name().text());
                }
                collectIndexed(index.index(), vectors, used);
            }
            case Expression.Binary binary -> {
                collectIndexed(binary.left(), vectors, used);
                collectIndexed(binary.right(), vectors, used);
            }
            case Expression.Unary unary -> collectIndexed(unary.operand(), vectors, used);
            case Expression.Call call -> call.arguments().forEach(argument -> collectIndexed(argument.value(),
                    vectors, used));
            case Expression.Literal _, Expression.NameReference _ -> {
            }
        }
    }

    @Override
    public void close() {
        buffers.values().forEach(OutputBuffer::close);
        owned.forEach(OutputBuffer::close);
    }
}
