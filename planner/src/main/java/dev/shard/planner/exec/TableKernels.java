package dev.shard.planner.exec;

import dev.shard.planner.PlanException;
import dev.shard.planner.type.Schema;
import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/** What a {@link TableKernel} class declares before anything runs: its output columns and its footprint. */
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

    /**
     * The class's {@link TableKernel#footprintBytesPerRow}, asked of an instance made with its
     * public no-arg constructor (as the workers make it).
     */
    public static double footprintBytesPerRow(Class<?> kernel, Schema input, Map<String, Serializable> parameters) {
        TableKernel instance;
        try {
            instance = (TableKernel) kernel.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new PlanException("map kernel " + kernel.getName() + ": its constructor failed: " + e.getCause(),
                    "the no-arg constructor must succeed on the driver too, where the footprint is asked");
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new PlanException("map kernel " + kernel.getName() + " cannot be made: " + e,
                    "give it a public no-arg constructor and implement " + TableKernel.class.getName());
        }
        double footprint = instance.footprintBytesPerRow(input, parameters);
        if (!(footprint >= 0) || Double.isInfinite(footprint)) {
            throw new PlanException("map kernel " + kernel.getName() + " declares a footprint of " + footprint
                    + " bytes per row", "footprintBytesPerRow must return a finite number ≥ 0 (0: it only streams)");
        }
        return footprint;
    }
}
