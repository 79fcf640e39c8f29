package dev.shard.storage.buffer;

import dev.shard.storage.StorageException;
import dev.shard.storage.layout.ArrayDescriptor;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.Backing;
import java.util.Arrays;
import java.util.Optional;

/**
 * What to create: element type, dims (a vector length, matrix rows and columns, or
 * N-d dims, column-major), the initial value of every element, backing, and an
 * optional segment name.
 *
 * <p>The default init is zero, which writes nothing: the segment's space is reserved at
 * creation (on shm that is RAM, counted as shared memory) and reads as zero. Any other
 * init is written once at creation.
 *
 * <pre>{@code
 * BufferSpec.matrix(ElementType.DOUBLE, 10_000, 2_000).withInit(Double.NaN).withBacking(Backing.SHM)
 * }</pre>
 *
 * @param type element type
 * @param dims dimensions, column-major (dim 0 varies fastest)
 * @param init the value of every element before the first write; checked against {@code type}
 * @param backing where the pages live
 * @param name segment name, or empty for a generated one
 */
public record BufferSpec(ElementType type, long[] dims, Number init, Backing backing, Optional<String> name) {
    public BufferSpec {
        if (type == null || dims == null || init == null || backing == null || name == null) {
            throw new StorageException("a buffer spec needs a type, dims, init, backing and name (none may be null)");
        }
        if (dims.length == 0) {
            throw new StorageException("a buffer needs at least one dimension: give a vector length,"
                    + " matrix rows and columns, or N-d dims");
        }
        dims = dims.clone();
        for (long dim : dims) {
            if (dim < 0) {
                throw new StorageException("buffer dims must not be negative: " + Arrays.toString(dims));
            }
        }
        initBits(type, init);
        // Refuses dims whose byte count overflows a long now, not when the buffer is created.
        new ArrayDescriptor(type, ArrayDescriptor.Kind.OUTPUT_BUFFER, dims);
    }

    /** A vector of {@code length} elements. */
    public static BufferSpec vector(ElementType type, long length) {
        return of(type, length);
    }

    /** A column-major {@code rows x columns} matrix. */
    public static BufferSpec matrix(ElementType type, long rows, long columns) {
        return of(type, rows, columns);
    }

    /** An N-d array, column-major: {@code dims[0]} varies fastest. */
    public static BufferSpec of(ElementType type, long... dims) {
        return new BufferSpec(type, dims, 0, Backing.AUTO, Optional.empty());
    }

    public BufferSpec withInit(Number value) {
        return new BufferSpec(type, dims, value, backing, name);
    }

    /** Init for a logical buffer: every element true (1) or false (0). */
    public BufferSpec withInit(boolean value) {
        return withInit(value ? 1 : 0);
    }

    public BufferSpec withBacking(Backing value) {
        return new BufferSpec(type, dims, init, value, name);
    }

    /** Names the segment file ({@code <name>.seg} in this process's run directory). */
    public BufferSpec withName(String value) {
        return new BufferSpec(type, dims, init, backing, Optional.of(value));
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    /** The init value as the element's little-endian bits (low bytes used for narrow types). */
    long initBits() {
        return initBits(type, init);
    }

    private static long initBits(ElementType type, Number init) {
        return switch (type) {
            case DOUBLE -> Double.doubleToRawLongBits(init.doubleValue());
            case LONG -> integral(type, init, Long.MIN_VALUE, Long.MAX_VALUE);
            case INT -> integral(type, init, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case LOGICAL -> integral(type, init, 0, 1);
            case RAW -> integral(type, init, Byte.MIN_VALUE, 0xFF) & 0xFF;
        };
    }

    private static long integral(ElementType type, Number init, long min, long max) {
        boolean whole = init instanceof Long || init instanceof Integer || init instanceof Short
                || init instanceof Byte || init.doubleValue() == Math.rint(init.doubleValue());
        long value = init.longValue();
        double approximate = init.doubleValue();
        if (!whole || approximate < (double) min || approximate > (double) max || value < min || value > max) {
            throw new StorageException("init " + init + " does not fit the element type " + type.displayName()
                    + " (use a whole number in " + min + ".." + max + ")");
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BufferSpec that && type == that.type && Arrays.equals(dims, that.dims)
                && init.equals(that.init) && backing == that.backing && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims) * 31 + type.hashCode();
    }

    @Override
    public String toString() {
        return type.displayName() + Arrays.toString(dims) + " init=" + init + " backing=" + backing.displayName()
                + name.map(value -> " name=" + value).orElse("");
    }
}
