package dev.shard.dsl.analyze;

import dev.shard.dsl.ast.Assignment;
import dev.shard.dsl.ast.ColumnType;
import dev.shard.dsl.ast.Expression;
import dev.shard.dsl.ast.LiteralValue;
import dev.shard.dsl.ast.Name;
import dev.shard.dsl.ast.Pipeline;
import dev.shard.dsl.ast.Source;
import dev.shard.dsl.ast.Statement;
import dev.shard.dsl.ast.Step;
import dev.shard.dsl.ast.Text;
import dev.shard.dsl.diag.Diagnostic;
import dev.shard.dsl.diag.ErrorCode;
import dev.shard.dsl.diag.Suggestions;
import dev.shard.dsl.vector.MatrixFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Sources and steps of one pipeline: kinds of the names used, sizes, duplicate columns, step order. */
final class PipelineChecker {
    static final List<String> COLUMN_TYPES = List.of("int", "long", "double", "string", "bool");
    static final List<String> ELEMENT_TYPES = List.of("double", "int", "long", "logical", "raw");
    private static final String JAVA_NAME = "([A-Za-z_$][A-Za-z_$0-9]*\\.)*[A-Za-z_$][A-Za-z_$0-9]*";

    /**
     * What a pipeline makes: a table, vector, matrix, buffer or list, with its sizes when they
     * are constants; a list also has its elements.
     */
    record Shape(Binding.Kind kind, String detail, List<Long> dimensions, List<ListChecker.Element> elements) {
        Shape {
            dimensions = List.copyOf(dimensions);
            elements = List.copyOf(elements);
        }

        Shape(Binding.Kind kind, String detail, List<Long> dimensions) {
            this(kind, detail, dimensions, List.of());
        }
    }

    private final AnalysisOptions options;
    private final Map<String, Binding> bindings;
    private final Set<String> used;
    private final ExpressionChecker expressions;
    private final List<Diagnostic> diagnostics;

    PipelineChecker(AnalysisOptions options, Map<String, Binding> bindings, Set<String> used,
                    ExpressionChecker expressions, List<Diagnostic> diagnostics) {
        this.options = options;
        this.bindings = bindings;
        this.used = used;
        this.expressions = expressions;
        this.diagnostics = diagnostics;
    }

    Shape check(Pipeline pipeline) {
        Shape shape = rowsOf(pipeline.source(), source(pipeline.source()));
        Set<String> joined = new LinkedHashSet<>();
        Step write = null;
        for (Step step : pipeline.steps()) {
            if (write != null) {
                diagnostics.add(Diagnostic.error(ErrorCode.STEP_AFTER_WRITE, step.span(),
                        "`" + step.verb() + "` comes after `write`, which ends the pipeline",
                        "move `write` to the end, or start a new pipeline with `let` to write twice"));
                break;
            }
            if (shape.kind() != Binding.Kind.TABLE) {
                diagnostics.add(Diagnostic.error(ErrorCode.WRONG_KIND_OF_NAME, step.span(),
                        "`" + step.verb() + "` works on tables, but this pipeline starts from " + shape.kind().description(),
                        "pipeline verbs apply to tables; use `apply` for matrices and vectors"));
                break;
            }
            if (step instanceof Step.Join join) {
                requireKind(join.table(), Binding.Kind.TABLE, "`join` needs a table bound with `let name = from ...`");
                joined.add(join.table().text());
            }
            step(step, Scope.step(pipeline, joined));
            if (step instanceof Step.Write) {
                write = step;
            }
        }
        return shape;
    }

    /**
     * A pipeline reads rows: a matrix named after {@code from} is read as a table of its
     * columns (c0, c1, ..., as {@code Session.scanMatrix} names them); a vector, buffer or
     * list is refused at its name, since only tables and matrices have rows of columns.
     */
    private Shape rowsOf(Source source, Shape shape) {
        if (!(source instanceof Source.NamedSource named)) {
            return shape;
        }
        if (shape.kind() == Binding.Kind.MATRIX) {
            return new Shape(Binding.Kind.TABLE, "matrix " + named.name().text() + " as a table", List.of());
        }
        if (shape.kind() != Binding.Kind.TABLE) {
            diagnostics.add(Diagnostic.error(ErrorCode.WRONG_KIND_OF_NAME, named.name().span(),
                    "`from " + named.name().text() + "` reads rows, but `" + named.name().text() + "` is "
                            + shape.kind().description(),
                    "`from` reads a table, or a matrix as a table of columns c0, c1, ...; for a vector, make it a"
                            + " one-column matrix (`matrix(n, 1) {...}`), or use `apply` on it"));
            return new Shape(Binding.Kind.TABLE, "", List.of());
        }
        return shape;
    }

    private void step(Step step, Scope scope) {
        switch (step) {
            case Step.Filter filter -> expressions.check(filter.condition(), scope);
            case Step.Derive derive -> assignments(derive.columns(), scope, "derive");
            case Step.Select select -> {
                unique(select.items().stream().map(item -> item.name()).toList(), "select");
                select.items().forEach(item -> item.value().ifPresent(value -> expressions.check(value, scope)));
            }
            case Step.Group group -> {
                List<Name> names = new ArrayList<>(group.keys());
                group.aggregates().forEach(aggregate -> names.add(aggregate.name()));
                unique(names, "group");
                for (Assignment aggregate : group.aggregates()) {
                    expressions.check(aggregate.value(), scope.allowingAggregates());
                    if (!ExpressionChecker.containsAggregate(aggregate.value())) {
                        diagnostics.add(Diagnostic.error(ErrorCode.NOT_AN_AGGREGATE, aggregate.value().span(),
                                "`" + aggregate.name().text() + "` is not an aggregate of the group's rows",
                                "wrap it in an aggregate, such as `sum(...)`, `mean(...)` or `first(...)`; "
                                        + "aggregates: " + Suggestions.list(FunctionTable.namesOf(FunctionTable.Kind.AGGREGATE))));
                    }
                }
            }
            case Step.Join join -> join.keys().forEach(key -> {
                expressions.check(key.left(), scope);
                expressions.check(key.right(), scope);
            });
            case Step.Sort sort -> unique(sort.keys().stream().map(key -> key.column()).toList(), "sort");
            case Step.Take take -> count(take.count(), "take", 0);
            case Step.MapKernel map -> kernel(map.className(), map.parameters());
            case Step.ShardRows shard -> count(shard.rows(), "shard rows", 1);
            case Step.Write ignored -> {
            }
        }
    }

    private Shape source(Source source) {
        return switch (source) {
            case Source.FileSource file -> {
                requireFile(file.path());
                file.schema().forEach(this::columnType);
                yield new Shape(Binding.Kind.TABLE, "from " + file.path().value(), List.of());
            }
            case Source.NamedSource named -> requireKind(named.name(), null,
                    "a pipeline starts from a table, vector or matrix")
                    .map(binding -> new Shape(binding.kind(), binding.detail(), binding.dimensions()))
                    .orElse(new Shape(Binding.Kind.TABLE, "", List.of()));
            case Source.GenerateSource generate -> {
                Optional<Long> rows = count(generate.rows(), "generate", 0);
                unique(generate.columns().stream().map(Assignment::name).toList(), "generate");
                Set<String> earlier = new LinkedHashSet<>();
                for (Assignment column : generate.columns()) {
                    expressions.check(column.value(), Scope.of(Scope.Place.GENERATE).withLocals(earlier));
                    earlier.add(column.name().text());
                }
                yield new Shape(Binding.Kind.TABLE, "generated", rows.map(List::of).orElse(List.of()));
            }
            case Source.MatrixSource matrix -> {
                Optional<Long> rows = count(matrix.rows(), "matrix", 1);
                Optional<Long> columns = count(matrix.columns(), "matrix", 1);
                expressions.check(matrix.cell(), Scope.of(Scope.Place.CELL));
                List<Long> dimensions = rows.isPresent() && columns.isPresent()
                        ? List.of(rows.get(), columns.get()) : List.of();
                yield new Shape(Binding.Kind.MATRIX, dimensions.isEmpty() ? "" : rows.get() + " × " + columns.get(),
                        dimensions);
            }
            case Source.VectorSource vector -> {
                Optional<Long> length = count(vector.length(), "vector", 1);
                expressions.check(vector.element(), Scope.of(Scope.Place.CELL));
                yield new Shape(Binding.Kind.VECTOR, length.map(n -> "length " + n).orElse(""),
                        length.map(List::of).orElse(List.of()));
            }
            case Source.ReadMatrixSource read -> readMatrix(read);
            case Source.BufferSource buffer -> buffer(buffer);
            case Source.ListSource list -> new ListChecker(this, expressions, diagnostics).shape(list, this::source);
            case Source.GeneratedListSource list -> new ListChecker(this, expressions, diagnostics)
                    .generated(list, this::source);
        };
    }

    /** The file's shape when it can be read now, so apply and list checks know the sizes. */
    private Shape readMatrix(Source.ReadMatrixSource read) {
        String detail = "from " + read.path().value();
        if (!requireFile(read.path())) {
            return new Shape(Binding.Kind.MATRIX, detail, List.of());
        }
        Path file = options.workingDirectory().resolve(read.path().value()).normalize();
        try (MatrixFile matrix = MatrixFile.open(file)) {
            return new Shape(Binding.Kind.MATRIX, matrix.rows() + " × " + matrix.columns() + " " + detail,
                    List.of(matrix.rows(), matrix.columns()));
        } catch (RuntimeException unreadable) {
            diagnostics.add(Diagnostic.error(ErrorCode.UNREADABLE_INPUT, read.path().span(),
                    "`read_matrix` cannot use " + read.path().value() + ": " + unreadable.getMessage(),
                    "read_matrix reads an uncompressed Arrow IPC file whose columns are all double"));
            return new Shape(Binding.Kind.MATRIX, detail, List.of());
        }
    }

    private Shape buffer(Source.BufferSource buffer) {
        String type = buffer.elementType().text();
        if (!ELEMENT_TYPES.contains(type)) {
            List<String> hints = new ArrayList<>();
            Suggestions.didYouMean(type, ELEMENT_TYPES).ifPresent(hints::add);
            hints.add("buffer element types: " + String.join(", ", ELEMENT_TYPES));
            diagnostics.add(Diagnostic.error(ErrorCode.UNKNOWN_ELEMENT_TYPE, buffer.elementType().span(),
                    "`" + type + "` is not a buffer element type", hints));
        }
        List<Long> dimensions = new ArrayList<>();
        for (Expression dimension : buffer.dimensions()) {
            count(dimension, "buffer", 1).ifPresent(dimensions::add);
        }
        boolean known = dimensions.size() == buffer.dimensions().size();
        String detail = type + (known ? " " + dimensions : "");
        return new Shape(Binding.Kind.BUFFER, detail, known ? dimensions : List.of());
    }

    /** A size or count: params and values only; a constant must be at least {@code minimum}. */
    Optional<Long> count(Expression expression, String verb, long minimum) {
        expressions.check(expression, Scope.of(Scope.Place.CONSTANT));
        if (expression instanceof Expression.Literal literal && !(literal.value() instanceof LiteralValue.IntegerValue)) {
            diagnostics.add(Diagnostic.error(ErrorCode.BAD_COUNT, expression.span(),
                    "`" + verb + "` needs a whole number, not a " + literal.value().typeName(),
                    "write a count such as 1_000 or 64K"));
            return Optional.empty();
        }
        Optional<Long> value = new ConstantFolder(bindings).integer(expression);
        if (value.isPresent() && value.get() < minimum) {
            diagnostics.add(Diagnostic.error(ErrorCode.BAD_COUNT, expression.span(),
                    "`" + verb + "` needs a count of at least " + minimum + ", but this is " + value.get(),
                    "counts and sizes are whole numbers such as 1_000 or 64K"));
            return Optional.empty();
        }
        return value;
    }

    void kernel(Text className, List<Assignment> parameters) {
        if (!className.value().matches(JAVA_NAME)) {
            diagnostics.add(Diagnostic.error(ErrorCode.BAD_KERNEL_CLASS, className.span(),
                    "`" + className.value() + "` is not a Java class name",
                    "write the class's binary name, such as \"com.example.MyKernel\" (nested: \"a.Outer$Inner\")"));
        }
        unique(parameters.stream().map(Assignment::name).toList(), "kernel");
        parameters.forEach(parameter -> expressions.check(parameter.value(), Scope.of(Scope.Place.CONSTANT)));
    }

    /** The names an apply body sees: its slice ({@code row}, {@code column}, {@code item}) and its side inputs. */
    Set<String> applyLocals(Statement.ApplyStatement apply) {
        Set<String> locals = new LinkedHashSet<>();
        locals.add(apply.margin().variable());
        for (Name side : apply.sideInputs()) {
            if (requireKind(side, null, "side inputs are vectors, matrices or tables bound with `let`").isPresent()) {
                locals.add(side.text());
            }
        }
        return locals;
    }

    /** The binding of {@code name}, if it is defined and (when {@code kind} is given) of that kind. */
    Optional<Binding> requireKind(Name name, Binding.Kind kind, String hint) {
        Binding binding = bindings.get(name.text());
        if (binding == null) {
            List<String> candidates = bindings.values().stream()
                    .filter(each -> kind == null ? each.kind() != Binding.Kind.PARAM && each.kind() != Binding.Kind.VALUE
                            && each.kind() != Binding.Kind.BUFFER : each.kind() == kind)
                    .map(each -> each.name().text()).toList();
            List<String> hints = new ArrayList<>();
            Suggestions.didYouMean(name.text(), candidates).ifPresent(hints::add);
            hints.add(candidates.isEmpty() ? hint : "names in scope that fit: " + Suggestions.list(candidates));
            diagnostics.add(Diagnostic.error(ErrorCode.UNDEFINED_NAME, name.span(),
                    "`" + name.text() + "` is not defined", hints));
            return Optional.empty();
        }
        used.add(name.text());
        boolean fits = kind == null ? binding.kind() == Binding.Kind.TABLE || binding.kind() == Binding.Kind.VECTOR
                || binding.kind() == Binding.Kind.MATRIX : binding.kind() == kind;
        if (!fits) {
            diagnostics.add(Diagnostic.error(ErrorCode.WRONG_KIND_OF_NAME, name.span(),
                    "`" + name.text() + "` is " + binding.kind().description() + ", but "
                            + (kind == null ? "a table, vector or matrix" : kind.description()) + " is needed here",
                    binding.describe(), hint));
            return Optional.empty();
        }
        return Optional.of(binding);
    }

    /** True when the file exists and input files are checked, so it may be read now. */
    private boolean requireFile(Text path) {
        if (!options.checkInputFiles()) {
            return false;
        }
        Path resolved = options.workingDirectory().resolve(path.value()).normalize();
        if (Files.isRegularFile(resolved)) {
            return true;
        }
        diagnostics.add(Diagnostic.error(ErrorCode.MISSING_INPUT_FILE, path.span(),
                "input file `" + path.value() + "` does not exist",
                "looked for " + resolved + "; relative paths start at the current directory"));
        return false;
    }

    private void columnType(ColumnType column) {
        if (COLUMN_TYPES.contains(column.type().text())) {
            return;
        }
        List<String> hints = new ArrayList<>();
        Suggestions.didYouMean(column.type().text(), COLUMN_TYPES).ifPresent(hints::add);
        hints.add("column types: " + String.join(", ", COLUMN_TYPES));
        diagnostics.add(Diagnostic.error(ErrorCode.BAD_COLUMN_TYPE, column.type().span(),
                "`" + column.type().text() + "` is not a column type", hints));
    }

    private void assignments(List<Assignment> assignments, Scope scope, String verb) {
        unique(assignments.stream().map(Assignment::name).toList(), verb);
        assignments.forEach(assignment -> expressions.check(assignment.value(), scope));
    }

    private void unique(List<Name> names, String verb) {
        Map<String, Name> seen = new HashMap<>();
        for (Name name : names) {
            Name earlier = seen.putIfAbsent(name.text(), name);
            if (earlier != null) {
                diagnostics.add(Diagnostic.error(ErrorCode.DUPLICATE_COLUMN, name.span(),
                        "`" + name.text() + "` appears twice in this `" + verb + "`",
                        "the first is at " + earlier.span().lineColumn() + "; give each column its own name"));
            }
        }
    }
}
