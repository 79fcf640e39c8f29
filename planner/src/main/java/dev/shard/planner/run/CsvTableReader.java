package dev.shard.planner.run;

import dev.shard.planner.PlanException;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV file with a header on the driver (to be shared once as an Arrow table).
 * Types are inferred per column: int when every value parses as a long, else double,
 * else bool ({@code true}/{@code false}), else string; an empty field is null. Fields
 * may be quoted with {@code "} (doubled inside). A line with the wrong number of fields
 * is reported with its line number.
 */
public final class CsvTableReader {
    private CsvTableReader() {
    }

    public static ColumnTable read(Path file) {
        List<String[]> lines = new ArrayList<>();
        String[] header;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            if (first == null) {
                throw new PlanException("CSV file " + file + " is empty", "the first line must name the columns");
            }
            header = split(first, file, 1);
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isEmpty()) {
                    continue;
                }
                String[] fields = split(line, file, number);
                if (fields.length != header.length) {
                    throw new PlanException(file + ":" + number + ": " + fields.length + " field(s), but the header"
                            + " names " + header.length + " column(s)", "fix or remove line " + number);
                }
                lines.add(fields);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CSV file " + file + ": " + e.getMessage(), e);
        }
        List<Field> fields = new ArrayList<>();
        List<BatchColumn> columns = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            DataType type = infer(lines, c);
            BatchColumn column = new BatchColumn(type, lines.size());
            for (int r = 0; r < lines.size(); r++) {
                String text = lines.get(r)[c];
                column.set(r, text == null ? null : switch (type) {
                    case INT -> Long.parseLong(text.trim());
                    case DOUBLE -> Double.parseDouble(text.trim());
                    case BOOL -> Boolean.parseBoolean(text.trim());
                    case STRING -> text;
                });
            }
            fields.add(Field.of(header[c], type));
            columns.add(column);
        }
        return new ColumnTable(new Schema(fields), lines.size(), columns);
    }

    private static DataType infer(List<String[]> lines, int column) {
        boolean integers = true;
        boolean doubles = true;
        boolean booleans = true;
        for (String[] line : lines) {
            String text = line[column];
            if (text == null) {
                continue;
            }
            String trimmed = text.trim();
            integers &= parses(() -> Long.parseLong(trimmed));
            doubles &= parses(() -> Double.parseDouble(trimmed));
            booleans &= trimmed.equals("true") || trimmed.equals("false");
        }
        return integers ? DataType.INT : doubles ? DataType.DOUBLE : booleans ? DataType.BOOL : DataType.STRING;
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Splits one line; an unquoted empty field is null, a quoted one the empty string. */
    static String[] split(String line, Path file, int number) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (ch == ',') {
                fields.add(field.isEmpty() && !wasQuoted ? null : field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new PlanException(file + ":" + number + ": a quoted field is not closed",
                    "close it with \" (quotes inside a field are written \"\")");
        }
        fields.add(field.isEmpty() && !wasQuoted ? null : field.toString());
        return fields.toArray(String[]::new);
    }
}
