package dev.shard.storage.layout;

import dev.shard.storage.StorageException;
import java.util.Locale;

/** Element types of shared arrays and output buffers, with their stable on-disk codes. */
public enum ElementType {
    DOUBLE(1, 8),
    INT(2, 4),
    LONG(3, 8),
    /** One byte per value: 0 false, 1 true. */
    LOGICAL(4, 1),
    RAW(5, 1);

    private final int code;
    private final int bytes;

    ElementType(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    public int code() {
        return code;
    }

    public int bytes() {
        return bytes;
    }

    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ElementType ofCode(int code) {
        for (ElementType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new StorageException("unknown element type code " + code + " (written by a newer shard?)");
    }

    public static ElementType parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new StorageException("unknown element type '" + text + "': use double, int, long, logical or raw");
        }
    }
}
