package dev.shard.bench;

/** One warm-up, then a number of measured runs of the same measurement. */
final class Measure {
    private Measure() {
    }

    /** A measurement that returns one value (seconds, a rate...) and may fail. */
    @FunctionalInterface
    interface Measurement {
        double run() throws Exception;
    }

    static Samples repeat(String name, String unit, int runs, Measurement measurement) throws Exception {
        measurement.run();
        double[] values = new double[runs];
        for (int i = 0; i < runs; i++) {
            values[i] = measurement.run();
        }
        return new Samples(name, unit, values);
    }

    static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    /** Fails the benchmark when a check does not hold: a fast wrong answer is no result. */
    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
