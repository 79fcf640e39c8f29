package dev.shard.storage.share;

import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.ProcessIdentity;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * A description of shared data for reports and diagnostics.
 *
 * @param path the segment or file that holds the data
 * @param backing where its pages live
 * @param sizeBytes bytes of the data (for arrays: the elements, without the header)
 * @param type element type ("double", "int", "long", "logical", "raw") or "arrow"
 * @param shape dimensions: {@code [length]}, {@code [rows, columns]}, for Arrow {@code [rows, columns]}
 * @param owner the process that created the data, when it is recorded
 * @param ownedHere true when this process is the owner
 * @param readOnly true for views that cannot write
 */
public record SharedInfo(Path path, Backing backing, long sizeBytes, String type, long[] shape,
        Optional<ProcessIdentity> owner, boolean ownedHere, boolean readOnly) {
    public SharedInfo {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SharedInfo that && path.equals(that.path) && backing == that.backing
                && sizeBytes == that.sizeBytes && type.equals(that.type) && Arrays.equals(shape, that.shape)
                && owner.equals(that.owner) && ownedHere == that.ownedHere && readOnly == that.readOnly;
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return type + Arrays.toString(shape) + " " + sizeBytes + " bytes " + backing.displayName() + " at " + path
                + owner.map(process -> " owner pid " + process.pid()).orElse("")
                + (ownedHere ? " (owned here)" : "") + (readOnly ? " (read-only)" : "");
    }
}
