package dev.shard.dsl.cli;

import java.io.PrintStream;
import java.util.List;

/** Two example programs for the catalog tests; each exits with its own code so a test sees which ran. */
final class ProbeExamples {
    static final int PROBE_EXIT = 41;
    static final int OTHER_EXIT = 42;

    private ProbeExamples() {
    }

    public static final class Probe implements ExampleProgram {
        @Override
        public String name() {
            return "probe";
        }

        @Override
        public String description() {
            return "the first test program";
        }

        @Override
        public int run(List<String> arguments, PrintStream out, PrintStream err) {
            return PROBE_EXIT;
        }
    }

    public static final class Other implements ExampleProgram {
        @Override
        public String name() {
            return "other-probe";
        }

        @Override
        public String description() {
            return "the second test program";
        }

        @Override
        public int run(List<String> arguments, PrintStream out, PrintStream err) {
            return OTHER_EXIT;
        }
    }
}
