package dev.shard.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every serializable class of ours that is not a record or an enum declares its
 * serialVersionUID. Kernels and what they hold travel to the workers serialized; for a
 * class without one, the driver and each worker hash the class with SHA-1 on first use,
 * which sets up the JDK's security providers: 30-150 ms of a fresh pool's first run.
 */
class DeclaredSerialVersionTest {

    @Test
    void serializableClassesOfEveryModuleDeclareTheirSerialVersion() throws IOException {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Path root : classDirectories()) {
            try (Stream<Path> files = Files.walk(root.resolve("dev/shard"))) {
                for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                    String name = root.relativize(file).toString().replace('/', '.').replaceFirst("\\.class$", "");
                    Class<?> type = load(name);
                    if (type == null || !needsDeclaredVersion(type)) {
                        continue;
                    }
                    checked++;
                    if (!declaresSerialVersion(type)) {
                        missing.add(name);
                    }
                }
            }
        }
        assertTrue(checked > 0, "no serializable class of ours found on the classpath: " + classDirectories());
        assertEquals(List.of(), missing, "declare `@Serial private static final long serialVersionUID = 1L;` in these");
    }

    /** The modules' compiled classes: target/classes directories on the test classpath (not test classes). */
    private static List<Path> classDirectories() {
        return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of)
                .filter(path -> path.endsWith("target/classes") && Files.isDirectory(path.resolve("dev/shard")))
                .toList();
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, DeclaredSerialVersionTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** Records, enums and throwables never pay for the hash (or never travel as kernels); interfaces have no instances. */
    private static boolean needsDeclaredVersion(Class<?> type) {
        return Serializable.class.isAssignableFrom(type) && !type.isInterface() && !type.isRecord() && !type.isEnum()
                && !Throwable.class.isAssignableFrom(type) && !type.isSynthetic() && !type.isAnonymousClass();
    }

    private static boolean declaresSerialVersion(Class<?> type) {
        try {
            Field field = type.getDeclaredField("serialVersionUID");
            return Modifier.isStatic(field.getModifiers()) && field.getType() == long.class;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }
}
