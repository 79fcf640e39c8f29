package dev.shard.dsl.lower;

import dev.shard.dsl.ast.Assignment;
import dev.shard.dsl.ast.Step;
import dev.shard.dsl.diag.Diagnostic;
import dev.shard.dsl.diag.ErrorCode;
import dev.shard.planner.PlanException;
import dev.shard.planner.exec.TableKernels;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.rule.FoldConstants;
import dev.shard.planner.logical.LogicalMapKernel;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.type.Schema;
import java.io.Serializable;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code map kernel "<class>" {params}}: the class must be on the classpath now and declare
 * {@code public static Schema outputSchema(Schema input, Map<String, Serializable> parameters)},
 * so the plan knows the kernel's columns before any worker starts, and its footprint per row
 * ({@code TableKernel.footprintBytesPerRow}), which the tuner sizes shards with.
 */
final class KernelLowering {
    private KernelLowering() {
    }

    static LogicalPlan lower(LogicalPlan plan, Step.MapKernel map, ExpressionLowerer expressions) {
        String name = map.className().value();
        Map<String, Serializable> parameters = new LinkedHashMap<>();
        for (Assignment parameter : map.parameters()) {
            // Folded, so that `-1` or `2 * rows` is a constant as a literal is.
            Expr value = FoldConstants.fold(expressions.lower(parameter.value(), null, Set.of()));
            if (!(value instanceof Literal literal) || literal.value() == null) {
                throw expressions.fail(Diagnostic.error(ErrorCode.PLAN_ERROR, parameter.value().span(),
                        "kernel parameter `" + parameter.name().text() + "` must be a constant",
                        "write a literal or a param"));
            }
            parameters.put(parameter.name().text(), literal.value());
        }
        Schema output;
        double footprint;
        try {
            Class<?> kernel = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
            Method method = kernel.getMethod("outputSchema", Schema.class, Map.class);
            output = (Schema) method.invoke(null, plan.schema(), parameters);
            footprint = TableKernels.footprintBytesPerRow(kernel, plan.schema(), parameters);
        } catch (PlanException declared) {
            throw expressions.fail(Diagnostic.error(ErrorCode.BAD_KERNEL_CLASS, map.className().span(),
                    declared.getMessage(), declared.hint()));
        } catch (ClassNotFoundException missing) {
            throw expressions.fail(Diagnostic.error(ErrorCode.BAD_KERNEL_CLASS, map.className().span(),
                    "kernel class `" + name + "` is not on the classpath",
                    "put its jar on the classpath (SHARD_CLASSPATH) and write its binary name"));
        } catch (ReflectiveOperationException | ClassCastException bad) {
            throw expressions.fail(Diagnostic.error(ErrorCode.BAD_KERNEL_CLASS, map.className().span(),
                    "kernel class `" + name + "` does not declare its output columns: " + bad,
                    "add public static Schema outputSchema(Schema input, Map<String, Serializable> parameters)"));
        }
        return new LogicalMapKernel(plan, name, parameters, output, footprint);
    }
}
