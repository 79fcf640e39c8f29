package dev.shard.runtime.worker;

import io.netty.util.internal.logging.AbstractInternalLogger;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;

/**
 * Netty's logging in a worker: warnings and errors (a buffer leak, a failed platform probe) go
 * to standard error, which is the worker's log file; the rest is dropped. Netty's own choices
 * cost a fresh worker tens of milliseconds at its first buffer, next to its first frame:
 * SLF4J's provider lookup reads every jar on the classpath, and the JDK's logging sets up its
 * log manager and looks for a {@code System.LoggerFinder} in every jar (opening the whole
 * classpath, which the AOT cache had spared the worker). Nothing here loads a class Netty
 * does not already hold.
 */
final class StandardErrorLoggerFactory extends InternalLoggerFactory {
    static final StandardErrorLoggerFactory INSTANCE = new StandardErrorLoggerFactory();

    private StandardErrorLoggerFactory() {
    }

    @Override
    protected InternalLogger newInstance(String name) {
        return new StandardErrorLogger(name);
    }

    /** Fills Netty's {@code {}} anchors in order, as SLF4J does; anchors or arguments left over stay as they are. */
    static String format(String pattern, Object... arguments) {
        if (pattern == null) {
            return "null";
        }
        StringBuilder text = new StringBuilder(pattern.length() + 32);
        int from = 0;
        int argument = 0;
        int anchor;
        while (argument < arguments.length && (anchor = pattern.indexOf("{}", from)) >= 0) {
            text.append(pattern, from, anchor).append(arguments[argument++]);
            from = anchor + 2;
        }
        return text.append(pattern, from, pattern.length()).toString();
    }

    private static final class StandardErrorLogger extends AbstractInternalLogger {
        private static final long serialVersionUID = 1L;

        StandardErrorLogger(String name) {
            super(name);
        }

        private void print(String level, String pattern, Object... given) {
            Object[] arguments = given == null ? new Object[0] : given;
            Throwable cause = arguments.length > 0 && arguments[arguments.length - 1] instanceof Throwable thrown
                    ? thrown : null;
            System.err.println("shard worker: netty " + level + " " + name() + ": " + format(pattern, arguments));
            if (cause != null) {
                cause.printStackTrace();
            }
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public void trace(String message) {
        }

        @Override
        public void trace(String format, Object argument) {
        }

        @Override
        public void trace(String format, Object first, Object second) {
        }

        @Override
        public void trace(String format, Object... arguments) {
        }

        @Override
        public void trace(String message, Throwable cause) {
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public void debug(String message) {
        }

        @Override
        public void debug(String format, Object argument) {
        }

        @Override
        public void debug(String format, Object first, Object second) {
        }

        @Override
        public void debug(String format, Object... arguments) {
        }

        @Override
        public void debug(String message, Throwable cause) {
        }

        @Override
        public boolean isInfoEnabled() {
            return false;
        }

        @Override
        public void info(String message) {
        }

        @Override
        public void info(String format, Object argument) {
        }

        @Override
        public void info(String format, Object first, Object second) {
        }

        @Override
        public void info(String format, Object... arguments) {
        }

        @Override
        public void info(String message, Throwable cause) {
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public void warn(String message) {
            print("warning", message);
        }

        @Override
        public void warn(String format, Object argument) {
            print("warning", format, argument);
        }

        @Override
        public void warn(String format, Object first, Object second) {
            print("warning", format, first, second);
        }

        @Override
        public void warn(String format, Object... arguments) {
            print("warning", format, arguments);
        }

        @Override
        public void warn(String message, Throwable cause) {
            print("warning", message, cause);
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        public void error(String message) {
            print("error", message);
        }

        @Override
        public void error(String format, Object argument) {
            print("error", format, argument);
        }

        @Override
        public void error(String format, Object first, Object second) {
            print("error", format, first, second);
        }

        @Override
        public void error(String format, Object... arguments) {
            print("error", format, arguments);
        }

        @Override
        public void error(String message, Throwable cause) {
            print("error", message, cause);
        }
    }
}
