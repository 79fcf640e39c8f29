package dev.shard.runtime.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shard.runtime.task.EncodedResult;
import dev.shard.runtime.task.EncodedResultReaders;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A value that writes its own bytes goes through the codec under its class name and comes
 * back through the reader its static initializer registered; a class that registered none
 * is named in the error with the call that fixes it.
 */
class EncodedResultCodecTest {
    /** Registers its reader when first initialized, as a planner's result does. */
    record Payload(byte[] bytes) implements EncodedResult {
        static {
            EncodedResultReaders.register(Payload.class,
                    (bytes, offset, length) -> new Payload(Arrays.copyOfRange(bytes, offset, offset + length)));
        }

        @Override
        public int encodedLength() {
            return bytes.length;
        }

        @Override
        public void encodeInto(byte[] target, int offset) {
            System.arraycopy(bytes, 0, target, offset, bytes.length);
        }
    }

    /** Forgets to register. */
    record Unregistered(int value) implements EncodedResult {
        @Override
        public int encodedLength() {
            return 0;
        }

        @Override
        public void encodeInto(byte[] target, int offset) {
        }
    }

    @Test
    void aSelfEncodedValueComesBackThroughItsReader() {
        byte[] content = {1, 2, 3, -1, 0, 42};
        byte[] encoded = ValueCodec.encode(new Payload(content));
        assertEquals(1 + 2 + Payload.class.getName().length() + content.length, encoded.length);
        assertArrayEquals(content, ((Payload) ValueCodec.decode(encoded)).bytes());
    }

    @Test
    void aClassWithoutAReaderIsNamed() {
        byte[] encoded = ValueCodec.encode(new Unregistered(3));
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> ValueCodec.decode(encoded));
        assertEquals(Unregistered.class.getName() + " is an EncodedResult but registered no reader: call"
                + " EncodedResultReaders.register(Unregistered.class, reader) in its static initializer",
                error.getMessage());
    }
}
