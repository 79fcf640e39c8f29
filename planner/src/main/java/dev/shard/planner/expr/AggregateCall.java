package dev.shard.planner.expr;

import dev.shard.planner.PlanException;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import java.io.Serializable;
import java.util.Objects;

/** {@code name = function(argument)}; the argument is null only for {@code count()}. */
public record AggregateCall(String name, AggregateFunction function, Expr argument) implements Serializable {
    public AggregateCall {
        Objects.requireNonNull(function, "function");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an aggregate needs an output name");
        }
        if (argument == null && function != AggregateFunction.COUNT) {
            throw new PlanException(function.displayName() + "() needs a column or expression",
                    "write " + function.displayName() + "(column); only count() counts rows without one");
        }
    }

    /** The output column over {@code input}, checking the argument's type. */
    public Field field(Schema input) {
        if (argument == null) {
            return new Field(name, DataType.INT, false);
        }
        DataType type = argument.type(input);
        if (function.needsNumber() && !type.isNumeric()) {
            throw new PlanException("aggregate '" + name + "': " + function.displayName() + "(" + argument.render()
                    + ") needs a number, got " + type.displayName(), "use count(...) or count_distinct(...) for "
                    + type.displayName() + " values");
        }
        boolean nullable = function != AggregateFunction.COUNT && function != AggregateFunction.COUNT_DISTINCT;
        return new Field(name, function.resultType(type), nullable);
    }

    public String render() {
        return name + " = " + function.displayName() + "(" + (argument == null ? "" : argument.render()) + ")";
    }
}
