package dev.shard.runtime.task;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The readers of {@link EncodedResult}s, by class name: the runtime decodes a planner's
 * results without depending on the planner. A class that has not registered yet is
 * initialized once by name (its static initializer registers it) before the lookup fails.
 */
public final class EncodedResultReaders {
    private static final Map<String, EncodedResult.Reader> READERS = new ConcurrentHashMap<>();

    private EncodedResultReaders() {
    }

    /** Makes {@code reader} the one that decodes values of {@code type}; call it from {@code type}'s static initializer. */
    public static void register(Class<? extends EncodedResult> type, EncodedResult.Reader reader) {
        READERS.put(type.getName(), reader);
    }

    /** The reader registered for the class named {@code className}, initializing that class first if need be. */
    public static EncodedResult.Reader reader(String className) {
        EncodedResult.Reader reader = READERS.get(className);
        if (reader != null) {
            return reader;
        }
        Class<?> type = load(className, false);
        if (!EncodedResult.class.isAssignableFrom(type)) {
            throw new IllegalStateException("an encoded result names " + className + ", which does not implement "
                    + EncodedResult.class.getName() + ": driver and workers must run the same classpath");
        }
        load(className, true);
        reader = READERS.get(className);
        if (reader == null) {
            throw new IllegalStateException(className + " is an EncodedResult but registered no reader: call"
                    + " EncodedResultReaders.register(" + type.getSimpleName() + ".class, reader) in its static"
                    + " initializer");
        }
        return reader;
    }

    private static Class<?> load(String className, boolean initialize) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return Class.forName(className, initialize,
                    loader != null ? loader : EncodedResultReaders.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot decode a result of class " + className + ": it is not on the"
                    + " driver's classpath (driver and workers must run the same classpath)", e);
        }
    }
}
