package dev.shard.examples.colcor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import org.junit.jupiter.api.Test;

/**
 * The generation kernel travels to every worker once per run as a serialized object. It must
 * stay a plain class with a declared serialVersionUID: a record is rebuilt through method
 * handles spun for its class on the worker's first decode, which a cold command's workers paid
 * for on the critical path (bench/results/2026-12-02-cold-coldcmd.md).
 */
class ColumnGenerationKernelTest {
    @Test
    void travelsAsAPlainClassWithItsShape() throws Exception {
        assertFalse(ColumnGenerationKernel.class.isRecord(), "a record is decoded through spun method handles");
        ColumnGenerationKernel decoded = roundTrip(new ColumnGenerationKernel(10_000, 2_000, 16));
        assertEquals(10_000, decoded.rows());
        assertEquals(2_000, decoded.columns());
        assertEquals(16, decoded.firstColumn());
    }

    @Test
    void declaresItsSerialVersionSoNoJvmHashesTheClass() {
        assertEquals(1L, ObjectStreamClass.lookup(ColumnGenerationKernel.class).getSerialVersionUID());
    }

    private static ColumnGenerationKernel roundTrip(ColumnGenerationKernel kernel) throws IOException,
            ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(kernel);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ColumnGenerationKernel) in.readObject();
        }
    }
}
