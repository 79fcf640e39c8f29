package dev.shard.runtime.task;

import java.io.Serial;
import java.io.Serializable;

/**
 * How a {@link Shards} layout travels in a run's descriptor: a plain object, not a record.
 * The JDK deserializes a record through a chain of method handles it builds per record
 * class; in a fresh worker building them spins lambda forms that the AOT cache does not
 * hold, and that took a large part of the 40-110 ms a fresh worker spent decoding its first
 * run's descriptor (bench/results/2026-12-02-first-run-4.md). A plain object's fields are
 * set directly. {@link #readResolve} makes the record again through its canonical
 * constructor, so what arrives is checked as when it was made.
 */
final class ShardsForm implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    static final byte CONTIGUOUS = 1;
    static final byte STRIDED = 2;
    static final byte TILED = 3;
    static final byte INDEXED = 4;

    private final byte kind;
    /** The record's numbers in component order; null for {@link #INDEXED}. */
    private final long[] numbers;
    /** The index lists of {@link #INDEXED}; null otherwise. */
    private final long[][] lists;

    ShardsForm(byte kind, long[] numbers, long[][] lists) {
        this.kind = kind;
        this.numbers = numbers;
        this.lists = lists;
    }

    @Serial
    private Object readResolve() {
        return switch (kind) {
            case CONTIGUOUS -> new ContiguousShards(numbers[0], numbers[1]);
            case STRIDED -> new StridedShards(numbers[0], Math.toIntExact(numbers[1]));
            case TILED -> new TiledShards(numbers[0], numbers[1], numbers[2], numbers[3]);
            case INDEXED -> new IndexedShards(lists);
            default -> throw new IllegalStateException("unknown shard layout kind " + kind
                    + " in a run descriptor: driver and workers must run the same classpath");
        };
    }
}
