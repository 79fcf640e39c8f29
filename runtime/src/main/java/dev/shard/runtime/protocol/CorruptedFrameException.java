package dev.shard.runtime.protocol;

/**
 * A frame that cannot be a shard peer's: a bad length, an unknown type or counts that do not
 * fit the frame. The connection that delivered it is closed; nothing of it is used.
 */
public final class CorruptedFrameException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CorruptedFrameException(String message) {
        super(message);
    }
}
