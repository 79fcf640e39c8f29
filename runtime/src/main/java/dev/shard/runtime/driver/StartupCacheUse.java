package dev.shard.runtime.driver;

/** How a worker JVM started with respect to the AOT cache. */
public enum StartupCacheUse {
    /** No cache: the classpath has directories, the cache is switched off, or another worker is recording it. */
    NONE,
    /** This worker records the cache as it exits. */
    RECORDING,
    /** The JVM mapped the cache and uses its classes. */
    USED,
    /** The JVM refused the cache (corrupt, other JDK or options); the worker started without it. */
    REFUSED
}
