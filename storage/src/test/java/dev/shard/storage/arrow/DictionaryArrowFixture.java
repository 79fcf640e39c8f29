package dev.shard.storage.arrow;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;

/** An Arrow IPC file, written by Arrow Java, whose one utf8 column is dictionary-encoded. */
final class DictionaryArrowFixture {
    private static final long DICTIONARY_ID = 1;

    private DictionaryArrowFixture() {
    }

    static void write(Path file, BufferAllocator allocator) throws IOException {
        try (VarCharVector words = strings("words", allocator, "red", "green", "blue");
                VarCharVector column = strings("colour", allocator, "blue", "red", "blue", "green")) {
            Dictionary dictionary = new Dictionary(words, new DictionaryEncoding(DICTIONARY_ID, false, null));
            DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider(dictionary);
            try (FieldVector encoded = (FieldVector) DictionaryEncoder.encode(column, dictionary);
                    VectorSchemaRoot table = new VectorSchemaRoot(List.of(encoded.getField()), List.of(encoded),
                            encoded.getValueCount());
                    FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
                            StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
                    ArrowFileWriter writer = new ArrowFileWriter(table, provider, channel)) {
                writer.start();
                writer.writeBatch();
                writer.end();
            }
        }
    }

    private static VarCharVector strings(String name, BufferAllocator allocator, String... values) {
        VarCharVector vector = new VarCharVector(name, allocator);
        vector.allocateNew(values.length);
        for (int i = 0; i < values.length; i++) {
            vector.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
        }
        vector.setValueCount(values.length);
        return vector;
    }
}
