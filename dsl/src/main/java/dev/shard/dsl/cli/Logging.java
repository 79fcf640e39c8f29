package dev.shard.dsl.cli;

/**
 * Library log lines (slf4j-simple) stay off the terminal unless {@code --verbose}: warnings
 * and errors always show, INFO only when asked. Set before the first logger is created.
 */
final class Logging {
    private Logging() {
    }

    static void configure(boolean verbose) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    }
}
