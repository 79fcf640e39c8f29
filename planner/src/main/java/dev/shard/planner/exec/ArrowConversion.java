package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.type.Field;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.FieldType;

/** A heap table as Arrow vectors (int64, float64, bool, utf8) in {@code allocator}; the caller closes them. */
public final class ArrowConversion {
    private ArrowConversion() {
    }

    public static VectorSchemaRoot toArrow(ColumnTable table, BufferAllocator allocator) {
        List<org.apache.arrow.vector.types.pojo.Field> fields = new ArrayList<>();
        for (Field field : table.schema().fields()) {
            fields.add(new org.apache.arrow.vector.types.pojo.Field(field.name(),
                    new FieldType(field.nullable(), ArrowColumns.arrowType(field.type()), null), null));
        }
        VectorSchemaRoot root = VectorSchemaRoot.create(new org.apache.arrow.vector.types.pojo.Schema(fields),
                allocator);
        try {
            List<FieldVector> vectors = root.getFieldVectors();
            for (int c = 0; c < vectors.size(); c++) {
                ArrowColumns.write(table.columns().get(c), table.rows(), vectors.get(c));
            }
            root.setRowCount(table.rows());
            return root;
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }
}
