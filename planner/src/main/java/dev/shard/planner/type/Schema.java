package dev.shard.planner.type;

import dev.shard.planner.PlanException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The ordered columns of a table; names are unique. */
public record Schema(List<Field> fields) implements java.io.Serializable {
    public Schema {
        fields = List.copyOf(fields);
        Set<String> seen = new HashSet<>();
        for (Field field : fields) {
            if (!seen.add(field.name())) {
                throw new PlanException("column '" + field.name() + "' appears twice",
                        "give one of them another name");
            }
        }
    }

    public static Schema of(Field... fields) {
        return new Schema(List.of(fields));
    }

    public List<String> names() {
        return fields.stream().map(Field::name).toList();
    }

    public int size() {
        return fields.size();
    }

    public Optional<Field> find(String name) {
        return fields.stream().filter(field -> field.name().equals(name)).findFirst();
    }

    public int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The column {@code name}, or an error naming the operator, the columns there are and the closest ones. */
    public Field require(String name, String operator) {
        return find(name).orElseThrow(() -> PlanException.unknownColumn(name, operator, names()));
    }

    /** This schema with {@code added} appended, a column of the same name replaced in place. */
    public Schema with(List<Field> added) {
        List<Field> result = new ArrayList<>(fields);
        for (Field field : added) {
            int index = indexOf(field.name());
            if (index >= 0) {
                result.set(index, field);
            } else {
                result.add(field);
            }
        }
        return new Schema(result);
    }

    /** Approximate bytes per row as stored in Arrow: values plus validity, strings at 16 bytes. */
    public long estimatedBytesPerRow() {
        long bytes = 0;
        for (Field field : fields) {
            bytes += switch (field.type()) {
                case BOOL -> 1;
                case INT, DOUBLE -> 8;
                case STRING -> 20;
            };
        }
        return Math.max(1, bytes);
    }
}
