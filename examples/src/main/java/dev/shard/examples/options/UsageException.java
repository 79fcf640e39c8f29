package dev.shard.examples.options;

/** A bad command line: the message says what, which option, and how to fix it. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
