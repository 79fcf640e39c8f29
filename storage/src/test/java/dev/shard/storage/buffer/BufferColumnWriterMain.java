package dev.shard.storage.buffer;

import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Child process of {@link BufferProcessTest}: opens a matrix buffer from a serialized
 * {@link BufferReference} and writes every column block whose number has the given
 * parity, value {@code column * rows + row + 0.5}. It prints "ready" and waits for the
 * go file, so that both writers run at the same time.
 */
public final class BufferColumnWriterMain {
    private BufferColumnWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        BufferReference reference = decode(args[0]);
        int parity = Integer.parseInt(args[1]);
        int blockColumns = Integer.parseInt(args[2]);
        Path go = Path.of(args[3]);
        int blocks = 0;
        try (OutputBuffer buffer = reference.open()) {
            System.out.println("ready");
            System.out.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(go)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no go file " + go + " within 60 s");
                }
                Thread.onSpinWait();
            }
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
