package dev.shard.planner.logical;

import dev.shard.planner.PlanException;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * An equality join. Output: every left column, then the right's columns other than its
 * keys (equal to the left keys on a match); in a left join those are nullable. Rows come
 * in left-row order, and for one left row in right-row order. A null key matches nothing.
 */
public record LogicalJoin(LogicalPlan left, LogicalPlan right, JoinType type, List<JoinKey> keys)
        implements LogicalPlan {
    public LogicalJoin {
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new PlanException("join: no key", "write join other (key == other.key)");
        }
        schemaOf(left, right, type, keys);
    }

    @Override
    public Schema schema() {
        return schemaOf(left, right, type, keys);
    }

    private static Schema schemaOf(LogicalPlan left, LogicalPlan right, JoinType type, List<JoinKey> keys) {
        Schema leftSchema = left.schema();
        Schema rightSchema = right.schema();
        for (JoinKey key : keys) {
            DataType leftType = leftSchema.require(key.left(), "join (left side)").type();
            DataType rightType = rightSchema.require(key.right(), "join (right side)").type();
            if (DataType.widen(leftType, rightType) == null) {
                throw new PlanException("join: key " + key.left() + " is " + leftType.displayName() + " but "
                        + key.right() + " is " + rightType.displayName(), "convert one side with int(...) or string(...)");
            }
        }
        List<Field> fields = new ArrayList<>(leftSchema.fields());
        List<String> rightKeys = keys.stream().map(JoinKey::right).toList();
        for (Field field : rightSchema.fields()) {
            if (rightKeys.contains(field.name())) {
                continue;
            }
            if (leftSchema.indexOf(field.name()) >= 0) {
                throw new PlanException("join: column '" + field.name() + "' is on both sides",
                        "rename or drop one of them with select before the join");
            }
            fields.add(type == JoinType.LEFT ? new Field(field.name(), field.type(), true) : field);
        }
        return new Schema(fields);
    }

    @Override
    public List<LogicalPlan> inputs() {
        return List.of(left, right);
    }

    @Override
    public LogicalPlan withInputs(List<LogicalPlan> inputs) {
        Inputs.requireCount(this, inputs, 2);
        return new LogicalJoin(inputs.get(0), inputs.get(1), type, keys);
    }
}
