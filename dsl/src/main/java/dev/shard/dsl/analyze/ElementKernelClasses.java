package dev.shard.dsl.analyze;

import dev.shard.dsl.ast.Text;
import dev.shard.dsl.diag.Diagnostic;
import dev.shard.dsl.diag.ErrorCode;
import dev.shard.runtime.task.ElementKernel;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel of {@code apply each ... : kernel "<class>" {params}}: the class must be on the
 * classpath before any worker starts, implement the runtime's {@link ElementKernel} (the
 * function {@code Pool.lapply} calls once per element, returning a number), and have a public
 * constructor taking the parameters as a {@code Map<String, Serializable>}, or none when the
 * kernel takes no parameters.
 */
public final class ElementKernelClasses {
    private ElementKernelClasses() {
    }

    static Optional<Diagnostic> check(Text className, boolean parameters) {
        String name = className.value();
        Class<?> kernel;
        try {
            kernel = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError missing) {
            return Optional.of(Diagnostic.error(ErrorCode.BAD_KERNEL_CLASS, className.span(),
                    "kernel class `" + name + "` is not on the classpath",
                    "put its jar on the classpath (SHARD_CLASSPATH) and write its binary name"));
        }
        if (!ElementKernel.class.isAssignableFrom(kernel)) {
            return Optional.of(Diagnostic.error(ErrorCode.BAD_KERNEL_CLASS, className.span(),
                    "kernel class `" + name + "` does not implement " + ElementKernel.class.getName(),
                    "`apply each` calls the kernel once per element, as Pool.lapply does: implement"
                            + " ElementKernel<Double> and return one number per element"));
        }
        if (constructorOf(kernel).isEmpty()) {
            return Optional.of(Diagnostic.error(ErrorCode.BAD_KERNEL_CLASS, className.span(),
                    "kernel class `" + name + "` has no public constructor the script can call",
                    "add a public constructor taking Map<String, Serializable> (the kernel's parameters),"
                            + " or a public one with no arguments"));
        }
        if (parameters && constructorOf(kernel).get().getParameterCount() == 0) {
            return Optional.of(Diagnostic.error(ErrorCode.BAD_KERNEL_CLASS, className.span(),
                    "kernel class `" + name + "` takes no parameters, but the script gives some",
                    "remove the `{...}` after the class name, or add a public constructor taking"
                            + " Map<String, Serializable>"));
        }
        return Optional.empty();
    }

    /** The constructor a run calls: the one taking the parameters, else the no-argument one. */
    public static Optional<java.lang.reflect.Constructor<?>> constructorOf(Class<?> kernel) {
        try {
            return Optional.of(kernel.getConstructor(Map.class));
        } catch (NoSuchMethodException noParameters) {
            try {
                return Optional.of(kernel.getConstructor());
            } catch (NoSuchMethodException none) {
                return Optional.empty();
            }
        }
    }
}
