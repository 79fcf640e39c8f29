package dev.shard.examples.kernel;

import dev.shard.planner.PlanException;
import dev.shard.planner.exec.TableBuilder;
import dev.shard.planner.exec.TableKernel;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A map kernel that splits a string column into words: one output row per word, with
 * the row's other columns, the word ({@code token}) and its 0-based {@code position}.
 * A null or blank text gives no row. Parameters: {@code column} (the text column, default
 * {@code "text"}) and {@code lower} (lower-case the words, default false).
 *
 * <pre>{@code map kernel "dev.shard.examples.kernel.TokenizeKernel" {column = "text", lower = true}}</pre>
 */
public final class TokenizeKernel implements TableKernel {
    /** The columns it appends: every input column but the text, then token and position. */
    public static Schema outputSchema(Schema input, Map<String, Serializable> parameters) {
        String column = column(parameters);
        Field text = input.require(column, "map kernel TokenizeKernel");
        if (text.type() != DataType.STRING) {
            throw new PlanException("TokenizeKernel: column '" + column + "' is " + text.type().displayName()
                    + ", not string", "name a string column with {column = \"...\"}");
        }
        List<Field> fields = new ArrayList<>(input.fields().stream().filter(f -> !f.name().equals(column)).toList());
        fields.add(new Field("token", DataType.STRING, false));
        fields.add(new Field("position", DataType.INT, false));
        return new Schema(fields);
    }

    @Override
    public void apply(ColumnTable input, Map<String, Serializable> parameters, TableBuilder output) {
        int textIndex = input.schema().indexOf(column(parameters));
        boolean lower = Boolean.TRUE.equals(parameters.get("lower"));
        BatchColumn text = input.columns().get(textIndex);
        int tokenColumn = output.schema().size() - 2;
        for (int row = 0; row < input.rows(); row++) {
            if (text.isNull(row)) {
                continue;
            }
            String[] words = text.strings[row].trim().split("\\s+");
            int position = 0;
            for (String word : words) {
                if (word.isEmpty()) {
                    continue;
                }
                output.addRow();
                int out = 0;
                for (int c = 0; c < input.schema().size(); c++) {
                    if (c != textIndex) {
                        copy(input.columns().get(c), row, output, out++);
                    }
                }
                output.setString(tokenColumn, lower ? word.toLowerCase(java.util.Locale.ROOT) : word);
                output.setLong(tokenColumn + 1, position++);
            }
        }
    }

    private static void copy(BatchColumn column, int row, TableBuilder output, int index) {
        if (column.isNull(row)) {
            return;
        }
        switch (column.type()) {
            case INT -> output.setLong(index, column.longs[row]);
            case DOUBLE -> output.setDouble(index, column.doubles[row]);
            case BOOL -> output.setBoolean(index, column.booleans[row]);
            case STRING -> output.setString(index, column.strings[row]);
        }
    }

    private static String column(Map<String, Serializable> parameters) {
        return String.valueOf(parameters.getOrDefault("column", "text"));
    }
}
