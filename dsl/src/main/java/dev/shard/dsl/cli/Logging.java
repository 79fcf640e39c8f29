package dev.shard.dsl.cli;

/**
 * Library log lines (slf4j-simple) stay off the terminal unless {@code --verbose}: warnings
 * and errors always show, INFO only when asked. Set before the first logger is created.
 */
final class Logging {
    /** slf4j-simple, which the dsl module ships: named so that SLF4J need not search for it. */
    static final String PROVIDER = "org.slf4j.simple.SimpleServiceProvider";

    private Logging() {
    }

    static void configure(boolean verbose) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        // Unnamed, SLF4J finds its provider with ServiceLoader on the first logger: it opens
        // every jar on the class path (about 20 for bin/shard), ~20 ms of a cold command. A
        // provider the user names is kept; SLF4J's own INFO line about the named provider is
        // not shown (its warnings and errors still are).
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", PROVIDER);
            System.getProperties().putIfAbsent("slf4j.internal.verbosity", "WARN");
        }
    }
}
