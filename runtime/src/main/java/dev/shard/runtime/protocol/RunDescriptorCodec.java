package dev.shard.runtime.protocol;

import dev.shard.runtime.task.ContiguousShards;
import dev.shard.runtime.task.IndexedShards;
import dev.shard.runtime.task.RunDescriptor;
import dev.shard.runtime.task.ShardKernel;
import dev.shard.runtime.task.Shards;
import dev.shard.runtime.task.StridedShards;
import dev.shard.runtime.task.TiledShards;
import dev.shard.storage.SharedReference;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The byte layout of a {@link RunDescriptor}, sent once per worker per run. Everything the
 * runtime defines — the shard layout, the seed, the names of the inputs and outputs — is
 * written field by field; only what user code defines, the kernel and the shared references
 * (open types), goes through Java serialization, in one section at the end. Java
 * serialization of the whole descriptor cost the driver a stream, class descriptors and
 * reflective {@code writeReplace} calls per run, and a fresh worker the same to decode it.
 *
 * <pre>
 *  size  field (big-endian)
 *  1     tag: {@link ValueCodec}'s RUN_DESCRIPTOR
 *  1     layout version ({@link #VERSION}); another is refused
 *  1     shard layout kind: 1 contiguous | 2 strided | 3 tiled | 4 indexed
 *  ...   the layout's numbers:
 *          contiguous  items (8), block size (8)
 *          strided     items (8), shard count (4)
 *          tiled       rows (8), columns (8), tile rows (8), tile columns (8)
 *          indexed     list count (4), then per list: length (4), indices (8 each)
 *  8     seed
 *  4     input count, then per input: name length (2), name (UTF-8)
 *  4     output count, then per output: name length (2), name (UTF-8)
 *  4     length of the object section, which ends the frame: the Java serialization of
 *        Object[] {kernel, input references in order, output references in order}
 * </pre>
 */
public final class RunDescriptorCodec {
    /** Raised when the layout changes; driver and workers run one build, so any other is refused. */
    public static final byte VERSION = 1;
    static final byte CONTIGUOUS = 1;
    static final byte STRIDED = 2;
    static final byte TILED = 3;
    static final byte INDEXED = 4;
    private static final int MAX_NAME_BYTES = 0xFFFF;

    private RunDescriptorCodec() {
    }

    /** The frame of {@code descriptor}, tag included. */
    static byte[] encode(RunDescriptor descriptor) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(ValueCodec.RUN_DESCRIPTOR);
            out.writeByte(VERSION);
            writeShards(descriptor.shards(), out);
            out.writeLong(descriptor.seed());
            writeNames(descriptor.inputs(), out);
            writeNames(descriptor.outputs(), out);
            byte[] objects = serializeObjects(descriptor);
            out.writeInt(objects.length);
            out.write(objects);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a run descriptor: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /** The descriptor in {@code bytes[offset .. offset + length)}, which starts at its tag. */
    static RunDescriptor decode(byte[] bytes, int offset, int length) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, offset, length));
        try {
            in.readByte();
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("a run descriptor of layout version " + version
                        + ", this process reads version " + VERSION
                        + ": driver and workers must run the same build");
            }
            Shards shards = readShards(in, length);
            long seed = in.readLong();
            String[] inputNames = readNames(in, length);
            String[] outputNames = readNames(in, length);
            int objectsLength = in.readInt();
            if (objectsLength != in.available()) {
                throw new IllegalArgumentException("a run descriptor of " + length + " bytes says its object section"
                        + " takes " + objectsLength + " bytes, but " + in.available() + " remain");
            }
            Object[] objects = deserializeObjects(bytes, offset + length - objectsLength, objectsLength);
            if (objects.length != 1 + inputNames.length + outputNames.length
                    || !(objects[0] instanceof ShardKernel<?> kernel)) {
                throw new IllegalArgumentException("a run descriptor's object section holds " + objects.length
                        + " objects, not a kernel and " + (inputNames.length + outputNames.length) + " references");
            }
            return new RunDescriptor(kernel, shards, map(inputNames, objects, 1),
                    map(outputNames, objects, 1 + inputNames.length), seed);
        } catch (EOFException e) {
            throw new IllegalArgumentException("a run descriptor of " + length + " bytes is cut short", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a run descriptor: " + e.getMessage(), e);
        }
    }

    /*
     * Tests, not a pattern switch: a pattern switch is linked at first use by a bootstrap that
     * spins a class the JDK's AOT cache does not hold (see ValueCodec), and a fresh driver's
     * first run encodes a descriptor. A new Shards kind fails here at once with its name.
     */
    private static void writeShards(Shards shards, DataOutputStream out) throws IOException {
        if (shards instanceof ContiguousShards contiguous) {
            out.writeByte(CONTIGUOUS);
            out.writeLong(contiguous.items());
            out.writeLong(contiguous.blockSize());
        } else if (shards instanceof StridedShards strided) {
            out.writeByte(STRIDED);
            out.writeLong(strided.items());
            out.writeInt(strided.count());
        } else if (shards instanceof TiledShards tiled) {
            out.writeByte(TILED);
            out.writeLong(tiled.rows());
            out.writeLong(tiled.columns());
            out.writeLong(tiled.tileRows());
            out.writeLong(tiled.tileColumns());
        } else if (shards instanceof IndexedShards indexed) {
            out.writeByte(INDEXED);
            long[][] lists = indexed.lists();
            out.writeInt(lists.length);
            for (long[] list : lists) {
                out.writeInt(list.length);
                for (long index : list) {
                    out.writeLong(index);
                }
            }
        } else {
            throw new IllegalStateException("no run descriptor layout for shards of " + shards.getClass().getName());
        }
    }

    /** The layout through its constructor, so what arrives is checked as when it was made. */
    private static Shards readShards(DataInputStream in, int frameLength) throws IOException {
        byte kind = in.readByte();
        return switch (kind) {
            case CONTIGUOUS -> new ContiguousShards(in.readLong(), in.readLong());
            case STRIDED -> new StridedShards(in.readLong(), in.readInt());
            case TILED -> new TiledShards(in.readLong(), in.readLong(), in.readLong(), in.readLong());
            case INDEXED -> new IndexedShards(readLists(in, frameLength));
            default -> throw new IllegalArgumentException("a run descriptor with shard layout kind " + kind
                    + ", known kinds are 1 to 4: driver and workers must run the same build");
        };
    }

    private static long[][] readLists(DataInputStream in, int frameLength) throws IOException {
        long[][] lists = new long[count(in.readInt(), Integer.BYTES, in, frameLength, "index lists")][];
        for (int i = 0; i < lists.length; i++) {
            long[] list = new long[count(in.readInt(), Long.BYTES, in, frameLength, "indices")];
            for (int j = 0; j < list.length; j++) {
                list[j] = in.readLong();
            }
            lists[i] = list;
        }
        return lists;
    }

    /** A count read from the frame, checked against the bytes left before anything is allocated for it. */
    private static int count(int count, int bytesEach, DataInputStream in, int frameLength, String what)
            throws IOException {
        if (count < 0 || (long) count * bytesEach > in.available()) {
            throw new IllegalArgumentException("a run descriptor of " + frameLength + " bytes says it holds " + count
                    + " " + what + ", more than its " + in.available() + " remaining bytes hold");
        }
        return count;
    }

    private static void writeNames(Map<String, SharedReference<?>> references, DataOutputStream out)
            throws IOException {
        out.writeInt(references.size());
        for (String name : references.keySet()) {
            byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
            if (utf8.length > MAX_NAME_BYTES) {
                throw new IllegalArgumentException("a shared reference's name takes " + utf8.length
                        + " bytes, at most " + MAX_NAME_BYTES + " fit: " + name.substring(0, 40) + "...");
            }
            out.writeShort(utf8.length);
            out.write(utf8);
        }
    }

    private static String[] readNames(DataInputStream in, int frameLength) throws IOException {
        String[] names = new String[count(in.readInt(), Short.BYTES, in, frameLength, "names")];
        for (int i = 0; i < names.length; i++) {
            byte[] utf8 = new byte[in.readUnsignedShort()];
            in.readFully(utf8);
            names[i] = new String(utf8, StandardCharsets.UTF_8);
        }
        return names;
    }

    /** The references again, in the order they were sent, unmodifiable as the driver's. */
    private static Map<String, SharedReference<?>> map(String[] names, Object[] objects, int first) {
        Map<String, SharedReference<?>> map = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            if (!(objects[first + i] instanceof SharedReference<?> reference)) {
                throw new IllegalArgumentException("a run descriptor's reference '" + names[i] + "' is a "
                        + (objects[first + i] == null ? "null" : objects[first + i].getClass().getName())
                        + ", not a SharedReference");
            }
            map.put(names[i], reference);
        }
        return Collections.unmodifiableMap(map);
    }

    private static byte[] serializeObjects(RunDescriptor descriptor) {
        Object[] objects = new Object[1 + descriptor.inputs().size() + descriptor.outputs().size()];
        objects[0] = descriptor.kernel();
        int next = 1;
        for (SharedReference<?> reference : descriptor.inputs().values()) {
            objects[next++] = reference;
        }
        for (SharedReference<?> reference : descriptor.outputs().values()) {
            objects[next++] = reference;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(objects);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize " + descriptor.kernel().getClass().getName()
                    + " or its references: " + e.getMessage() + " (make every field Serializable or transient)", e);
        }
        return bytes.toByteArray();
    }

    private static Object[] deserializeObjects(byte[] bytes, int offset, int length) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes, offset, length))) {
            return (Object[]) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalStateException("cannot deserialize a run descriptor's kernel and references: " + e
                    + " (driver and workers must run the same classpath)", e);
        }
    }
}
