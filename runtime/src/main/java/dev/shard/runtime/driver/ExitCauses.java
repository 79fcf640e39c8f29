package dev.shard.runtime.driver;

/** Words for a worker's exit status. */
final class ExitCauses {
    /** The JVM's status with -XX:+ExitOnOutOfMemoryError. */
    private static final int JAVA_OUT_OF_MEMORY = 3;
    private static final int SIGNAL_BASE = 128;

    private ExitCauses() {
    }

    static String describe(int code) {
        return describe(code, "");
    }

    /** @param outOfMemoryAdvice the worker's heap and how to raise it, added to an OutOfMemoryError's exit */
    static String describe(int code, String outOfMemoryAdvice) {
        if (code == JAVA_OUT_OF_MEMORY) {
            return "Java heap exhausted (OutOfMemoryError, exit 3)"
                    + (outOfMemoryAdvice.isBlank() ? "" : ": " + outOfMemoryAdvice);
        }
        if (code > SIGNAL_BASE) {
            int signal = code - SIGNAL_BASE;
            String name = switch (signal) {
                case 9 -> "SIGKILL";
                case 15 -> "SIGTERM";
                case 11 -> "SIGSEGV";
                case 6 -> "SIGABRT";
                default -> "signal " + signal;
            };
            return "killed by " + name + " (exit " + code + ")";
        }
        return "exited with status " + code;
    }
}
