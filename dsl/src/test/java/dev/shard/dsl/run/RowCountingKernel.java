package dev.shard.dsl.run;

import dev.shard.planner.exec.TableBuilder;
import dev.shard.planner.exec.TableKernel;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.type.Schema;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Passes its rows through and appends, for every batch it is given, the batch's row count as
 * one line to the file {@code log}: the rows a let's pipeline computed, summed over every
 * worker process (each line is one small O_APPEND write, so lines from workers never mix).
 */
public final class RowCountingKernel implements TableKernel {
    public static Schema outputSchema(Schema input, Map<String, Serializable> parameters) {
        return input;
    }

    @Override
    public void apply(ColumnTable input, Map<String, Serializable> parameters, TableBuilder output) {
        try {
            Files.writeString(Path.of((String) parameters.get("log")), input.rows() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int row = 0; row < input.rows(); row++) {
            output.addRow();
            for (int column = 0; column < input.schema().size(); column++) {
                BatchColumn values = input.columns().get(column);
                if (!values.isNull(row)) {
                    output.setLong(column, values.longs[row]);
                }
            }
        }
    }

    /** The rows the kernel was given, over every call logged in {@code log}. */
    static long rowsLogged(Path log) throws IOException {
        return Files.readAllLines(log).stream().mapToLong(Long::parseLong).sum();
    }
}
