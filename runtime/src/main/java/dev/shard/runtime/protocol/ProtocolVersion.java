package dev.shard.runtime.protocol;

/** The wire protocol's identity, checked at handshake: a worker of another version is refused. */
public final class ProtocolVersion {
    /** "SHRD" in ASCII. */
    public static final int MAGIC = 0x53485244;
    public static final int VERSION = 3;
    /** Bytes of the per-run token a worker must present. */
    public static final int TOKEN_BYTES = 32;
    /** Largest frame accepted; a run descriptor bigger than this is refused with a clear error. */
    public static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

    private ProtocolVersion() {
    }
}
