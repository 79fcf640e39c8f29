package dev.shard.runtime.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.internal.logging.InternalLogLevel;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StandardErrorLoggerFactoryTest {

    @Test
    void anchorsAreFilledInOrderAndSurplusAnchorsOrArgumentsAreLeft() {
        assertEquals("leak of 3 buffers in a", StandardErrorLoggerFactory.format("leak of {} buffers in {}", 3, "a"));
        assertEquals("one 1 and {}", StandardErrorLoggerFactory.format("one {} and {}", 1));
        assertEquals("no anchor", StandardErrorLoggerFactory.format("no anchor", "unused"));
        assertEquals("null", StandardErrorLoggerFactory.format(null));
    }

    @Test
    void warningsAndErrorsReachStandardErrorAndTheRestIsDropped() {
        InternalLogger logger = newLogger("io.netty.util.ResourceLeakDetector");
        String printed = standardErrorOf(() -> {
            logger.debug("debug-level {}", "unsafe");
            logger.info("info-level {}", "linux");
            logger.trace("trace-level");
            logger.warn("LEAK: {} was not released", "ByteBuf");
            logger.error("failed", new IllegalStateException("the cause"));
        });

        assertFalse(logger.isDebugEnabled() || logger.isInfoEnabled() || logger.isTraceEnabled());
        assertTrue(logger.isWarnEnabled() && logger.isEnabled(InternalLogLevel.ERROR));
        assertFalse(printed.contains("debug-level") || printed.contains("info-level") || printed.contains("trace-level"),
                printed);
        assertTrue(printed.contains("shard worker: netty warning io.netty.util.ResourceLeakDetector: LEAK: ByteBuf was"
                + " not released"), printed);
        assertTrue(printed.contains("shard worker: netty error io.netty.util.ResourceLeakDetector: failed"), printed);
        assertTrue(printed.contains("java.lang.IllegalStateException: the cause"), "the stack trace: " + printed);
    }

    private static InternalLogger newLogger(String name) {
        InternalLoggerFactory previous = InternalLoggerFactory.getDefaultFactory();
        InternalLoggerFactory.setDefaultFactory(StandardErrorLoggerFactory.INSTANCE);
        try {
            return InternalLoggerFactory.getInstance(name);
        } finally {
            InternalLoggerFactory.setDefaultFactory(previous);
        }
    }

    private static String standardErrorOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
