package dev.shard.dsl.lower;

import dev.shard.dsl.ast.Source;
import dev.shard.dsl.diag.Diagnostic;
import dev.shard.dsl.diag.ErrorCode;
import dev.shard.dsl.diag.SourceSpan;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalScan;
import dev.shard.planner.logical.TableSource;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import dev.shard.storage.arrow.ArrowFiles;
import dev.shard.storage.arrow.SharedArrowTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code from X} where {@code X} is a script's matrix: a scan of the matrix as a table, its
 * column j the DOUBLE column {@code c<j>} (the names {@code Session.scanMatrix} gives when
 * none are passed). The matrix is made by the run, so the scan's handle is unbound
 * ({@link #UNBOUND_HANDLE}) until the run binds the shared matrix it made; its shape is
 * known now (sizes are constants, a {@code read_matrix} file's footer is read).
 */
public final class MatrixScans {
    /** The handle of a matrix scan before the run has made the matrix. */
    public static final String UNBOUND_HANDLE = "";

    private final Map<String, Source> matrixValues;
    private final Constants counts;
    private final ExpressionLowerer expressions;

    MatrixScans(Map<String, Source> matrixValues, Constants counts, ExpressionLowerer expressions) {
        this.matrixValues = matrixValues;
        this.counts = counts;
        this.expressions = expressions;
    }

    /** Whether {@code source} is a script matrix's scan that the run still has to bind. */
    public static boolean isUnbound(TableSource source) {
        return source instanceof TableSource.SharedMatrix matrix && matrix.encodedHandle().equals(UNBOUND_HANDLE);
    }

    /** The column names of a matrix with {@code columns} columns, as the fluent API names them. */
    public static List<String> columnNames(long columns) {
        List<String> names = new ArrayList<>();
        for (long column = 0; column < columns; column++) {
            names.add("c" + column);
        }
        return names;
    }

    /** The scan of the matrix bound to {@code name}, or empty when {@code name} is not a matrix. */
    Optional<LogicalPlan> scan(String name, SourceSpan span) {
        long[] shape = switch (matrixValues.get(name)) {
            case Source.MatrixSource matrix -> new long[] {counts.count(matrix.rows(), "matrix"),
                    counts.count(matrix.columns(), "matrix")};
            case Source.ReadMatrixSource read -> fileShape(read, span);
            case null -> null;
            case Source.FileSource _, Source.NamedSource _, Source.GenerateSource _, Source.VectorSource _,
                    Source.ListSource _, Source.GeneratedListSource _, Source.BufferSource _ -> null;
        };
        if (shape == null) {
            return Optional.empty();
        }
        List<String> names = columnNames(shape[1]);
        Schema schema = new Schema(names.stream().map(column -> new Field(column, DataType.DOUBLE, false)).toList());
        return Optional.of(new LogicalScan(new TableSource.SharedMatrix(name, UNBOUND_HANDLE, names), schema,
                shape[0]));
    }

    /** Rows and columns from the file's footer, read as the run reads it (relative to the current directory). */
    private long[] fileShape(Source.ReadMatrixSource read, SourceSpan span) {
        Path path = Path.of(read.path().value()).toAbsolutePath();
        try (SharedArrowTable table = ArrowFiles.open(path)) {
            return new long[] {table.rowCount(), table.schema().getFields().size()};
        } catch (RuntimeException unreadable) {
            throw expressions.fail(Diagnostic.error(ErrorCode.UNREADABLE_INPUT, span,
                    "cannot read the matrix file `" + read.path().value() + "`: " + unreadable.getMessage(),
                    "read_matrix takes an uncompressed Arrow IPC file of non-null double columns"));
        }
    }
}
