package dev.shard.planner.exec;

import dev.shard.planner.PlanException;
import dev.shard.planner.type.Schema;
import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/** The output columns a {@link TableKernel} class declares, asked before anything runs. */
public final class TableKernels {
    private TableKernels() {
    }

    /** Calls the class's {@code public static Schema outputSchema(Schema, Map)}. */
    public static Schema outputSchema(Class<?> kernel, Schema input, Map<String, Serializable> parameters) {
        if (!TableKernel.class.isAssignableFrom(kernel)) {
            throw new PlanException("map kernel " + kernel.getName() + " does not implement "
                    + TableKernel.class.getName(), "implement TableKernel.apply, which appends the output rows");
        }
        try {
            Method method = kernel.getMethod("outputSchema", Schema.class, Map.class);
            return (Schema) method.invoke(null, input, parameters);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof PlanException plan) {
                throw plan;
            }
            throw new PlanException("map kernel " + kernel.getName() + ": outputSchema failed: " + e.getCause(),
                    "fix the kernel's outputSchema for these input columns and parameters");
        } catch (ReflectiveOperationException | ClassCastException | NullPointerException e) {
            throw new PlanException("map kernel " + kernel.getName() + " does not declare its output columns: " + e,
                    "add public static Schema outputSchema(Schema input, Map<String, Serializable> parameters)");
        }
    }
}
