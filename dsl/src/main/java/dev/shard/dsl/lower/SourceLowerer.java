package dev.shard.dsl.lower;

import dev.shard.dsl.ast.Assignment;
import dev.shard.dsl.ast.ColumnType;
import dev.shard.dsl.ast.Source;
import dev.shard.dsl.diag.Diagnostic;
import dev.shard.dsl.diag.ErrorCode;
import dev.shard.planner.PlanException;
import dev.shard.planner.expr.Call;
import dev.shard.planner.expr.Column;
import dev.shard.planner.expr.NamedExpr;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.logical.LogicalGenerate;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalProject;
import dev.shard.planner.logical.LogicalScan;
import dev.shard.planner.logical.TableSource;
import dev.shard.planner.run.ArrowTables;
import dev.shard.planner.run.CsvTableReader;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.storage.arrow.SharedArrowTable;
import dev.shard.storage.arrow.ArrowFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Table sources → scans and generators. Files are read now, at check time: an Arrow
 * file's footer gives its schema and rows; a CSV file is parsed for its header and types
 * (an explicit {@code {col: type}} schema casts the named columns).
 */
final class SourceLowerer {
    private final Path workingDirectory;
    private final Map<String, LogicalPlan> tables;
    private final ExpressionLowerer expressions;
    private final Constants constants;
    private final MatrixScans matrices;

    SourceLowerer(Path workingDirectory, Map<String, LogicalPlan> tables, MatrixScans matrices,
                  ExpressionLowerer expressions, Constants constants) {
        this.workingDirectory = workingDirectory;
        this.tables = tables;
        this.matrices = matrices;
        this.expressions = expressions;
        this.constants = constants;
    }

    LogicalPlan lower(Source source) {
        return switch (source) {
            case Source.FileSource file -> file(file);
            case Source.NamedSource named -> {
                LogicalPlan plan = tables.get(named.name().text());
                if (plan == null) {
                    plan = matrices.scan(named.name().text(), named.span()).orElse(null);
                }
                if (plan == null) {
                    throw expressions.fail(Diagnostic.error(ErrorCode.WRONG_KIND_OF_NAME, named.span(),
                            "`" + named.name().text() + "` is not a table",
                            "a pipeline starts from a table bound with `let name = from ...`"));
                }
                yield plan;
            }
            case Source.GenerateSource generate -> generate(generate);
            case Source.MatrixSource _, Source.VectorSource _, Source.ReadMatrixSource _, Source.ListSource _,
                    Source.GeneratedListSource _, Source.BufferSource _ -> throw expressions.fail(Diagnostic.error(ErrorCode.WRONG_KIND_OF_NAME, source.span(),
                    "a matrix, vector or buffer cannot start a pipeline of rows",
                    "bind it with `let` and use it in `apply ... of X`"));
        };
    }

    private LogicalPlan generate(Source.GenerateSource generate) {
        long rows = constants.count(generate.rows(), "generate");
        List<NamedExpr> columns = new ArrayList<>();
        List<Field> earlier = new ArrayList<>();
        for (Assignment column : generate.columns()) {
            var expr = expressions.lower(column.value(), new Schema(earlier), Set.of());
            columns.add(NamedExpr.of(column.name().text(), expr));
            earlier.add(Field.of(column.name().text(), expr.type(new Schema(earlier))));
        }
        try {
            return new LogicalGenerate(rows, columns);
        } catch (PlanException e) {
            throw expressions.fail(Diagnostic.error(ErrorCode.PLAN_ERROR, generate.span(), e.getMessage(),
                    e.hint().isEmpty() ? "generate columns are functions of row() alone; compute from other"
                            + " columns with `derive` after the source" : e.hint()));
        }
    }

    private LogicalPlan file(Source.FileSource file) {
        Path path = workingDirectory.resolve(file.path().value()).normalize();
        String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        try {
            if (name.endsWith(".csv")) {
                ColumnTable table = CsvTableReader.read(path);
                LogicalPlan scan = new LogicalScan(new TableSource.CsvFile(path), table.schema(), table.rows());
                return file.schema().isEmpty() ? scan : typed(scan, file.schema());
            }
            try (SharedArrowTable table = ArrowFiles.open(path)) {
                return new LogicalScan(new TableSource.ArrowFile(path), ArrowTables.schemaOf(table.schema()),
                        table.rowCount());
            }
        } catch (PlanException e) {
            throw expressions.fail(Diagnostic.error(ErrorCode.UNREADABLE_INPUT, file.path().span(), e.getMessage(),
                    e.hint()));
        } catch (RuntimeException e) {
            throw expressions.fail(Diagnostic.error(ErrorCode.UNREADABLE_INPUT, file.path().span(),
                    "cannot read `" + file.path().value() + "`: " + e.getMessage(),
                    "sources are Arrow IPC files (.arrow, uncompressed) or CSV files with a header (.csv)"));
        }
    }

    private LogicalPlan typed(LogicalPlan scan, List<ColumnType> declared) {
        List<NamedExpr> columns = new ArrayList<>();
        for (String column : scan.schema().names()) {
            columns.add(NamedExpr.of(column, new Column(column)));
        }
        for (ColumnType type : declared) {
            int index = scan.schema().indexOf(type.column().text());
            if (index < 0) {
                expressions.lower(new dev.shard.dsl.ast.Expression.NameReference(java.util.Optional.empty(),
                        type.column(), type.column().span()), scan.schema(), Set.of());
            }
            ScalarFunction cast = switch (type.type().text()) {
                case "int", "long" -> ScalarFunction.CAST_INT;
                case "double" -> ScalarFunction.CAST_DOUBLE;
                case "string" -> ScalarFunction.CAST_STRING;
                default -> null;
            };
            if (cast != null) {
                columns.set(index, NamedExpr.of(type.column().text(), Call.of(cast, new Column(type.column().text()))));
            }
        }
        return new LogicalProject(scan, columns);
    }
}
