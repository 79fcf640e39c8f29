package dev.shard.dsl.run;

/** A statement of a script failed while running; the message names its place in the script and the cause. */
public final class ScriptRunException extends RuntimeException {
    public ScriptRunException(String message, Throwable cause) {
        super(message, cause);
    }
}
