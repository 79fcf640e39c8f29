package dev.shard.dsl.cli;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

/**
 * A class loader that serves some resources from files and records what it is asked: which
 * classes are loaded through it and which resources are searched on every jar
 * ({@link #getResources}, what {@link java.util.ServiceLoader} does).
 */
final class RecordingClassLoader extends ClassLoader {
    private final Map<String, URL> served;
    final List<String> classesLoaded = Collections.synchronizedList(new ArrayList<>());
    final List<String> resourcesScanned = Collections.synchronizedList(new ArrayList<>());

    RecordingClassLoader(ClassLoader parent, Map<String, URL> served) {
        super(parent);
        this.served = Map.copyOf(served);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        classesLoaded.add(name);
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        URL url = served.get(name);
        return url != null ? url : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        resourcesScanned.add(name);
        URL url = served.get(name);
        return url != null ? Collections.enumeration(List.of(url)) : super.getResources(name);
    }
}
