package dev.shard.storage.buffer;

import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.util.Base64;

/**
 * Child process of {@link BufferProcessTest}: opens a matrix buffer from a serialized
 * {@link BufferReference} and writes every column block whose number has the given
 * parity, value {@code column * rows + row + 0.5}.
 */
public final class BufferColumnWriterMain {
    private BufferColumnWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        BufferReference reference = decode(args[0]);
        int parity = Integer.parseInt(args[1]);
        int blockColumns = Integer.parseInt(args[2]);
        int blocks = 0;
        try (OutputBuffer buffer = reference.open()) {
            int rows = (int) buffer.rows();
            long columns = buffer.columns();
            for (long first = (long) parity * blockColumns; first < columns; first += 2L * blockColumns) {
                int width = (int) Math.min(blockColumns, columns - first);
                double[] block = new double[rows * width];
                for (int column = 0; column < width; column++) {
                    for (int row = 0; row < rows; row++) {
                        block[column * rows + row] = (first + column) * rows + row + 0.5;
                    }
                }
                buffer.writeBlock(0, first, rows, width, block);
                blocks++;
            }
            System.out.println("wrote " + blocks + " blocks, " + buffer.counters().bytesWritten() + " bytes");
        }
        System.exit(0);
    }

    static BufferReference decode(String text) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(text)))) {
            return (BufferReference) in.readObject();
        }
    }
}
