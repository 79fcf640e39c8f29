package dev.shard.planner.run;

import dev.shard.planner.exec.ArrowColumns;
import dev.shard.planner.exec.ArrowConversion;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** A heap table as an Arrow table (int64, float64, bool, utf8), and an Arrow schema as the engine's. */
public final class ArrowTables {
    private ArrowTables() {
    }

    public static VectorSchemaRoot toArrow(ColumnTable table, BufferAllocator allocator) {
        return ArrowConversion.toArrow(table, allocator);
    }

    public static Schema schemaOf(org.apache.arrow.vector.types.pojo.Schema arrow) {
        List<Field> fields = new ArrayList<>();
        for (org.apache.arrow.vector.types.pojo.Field field : arrow.getFields()) {
            fields.add(new Field(field.getName(), ArrowColumns.typeOf(field), field.isNullable()));
        }
        return new Schema(fields);
    }

    /** An empty heap table of {@code schema}. */
    static ColumnTable empty(Schema schema) {
        List<BatchColumn> columns = schema.fields().stream().map(f -> new BatchColumn(f.type(), 0)).toList();
        return new ColumnTable(schema, 0, columns);
    }
}
