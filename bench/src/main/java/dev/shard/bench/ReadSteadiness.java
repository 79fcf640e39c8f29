package dev.shard.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Whether the scan benchmark's sequential read ran undisturbed, judged from its own rounds in
 * the same run rather than against a fixed rate: a fixed 8 GB/s (an Intel machine's quiet rate)
 * flagged a quiet AMD machine whose read runs at 6.9. Two signs of a busy machine, both ratios of
 * the run's own figures, so a slower machine is not mistaken for a busy one:
 * <ul>
 * <li>the read's thread did not have a core: its CPU time is well below its wall time (median
 *     over the rounds of CPU / wall below {@value #MIN_CPU_SHARE}; quiet, 0.97-1.00);</li>
 * <li>the rounds disagree: the median round reads below {@value #MIN_STEADINESS} of the best
 *     (quiet, 6.7-7.1 GB/s: 0.97).</li>
 * </ul>
 * A disturbed read is slower than the machine's, so engine / read flatters the engine.
 */
record ReadSteadiness(double cpuShare, double steadiness) {
    static final double MIN_CPU_SHARE = 0.9;
    static final double MIN_STEADINESS = 0.85;

    /** From each round's rate and its CPU / wall share (same length, at least one round). */
    static ReadSteadiness of(double[] rates, double[] cpuShares) {
        if (rates.length == 0 || rates.length != cpuShares.length) {
            throw new IllegalArgumentException("the read's rounds: " + rates.length + " rates and "
                    + cpuShares.length + " CPU shares; expected the same number, at least one");
        }
        double best = Arrays.stream(rates).max().orElseThrow();
        return new ReadSteadiness(median(cpuShares), median(rates) / best);
    }

    boolean disturbed() {
        return cpuShare < MIN_CPU_SHARE || steadiness < MIN_STEADINESS;
    }

    /** The figures and, when disturbed, which sign showed it. */
    String describe() {
        String figures = String.format(Locale.ROOT, "read's CPU / wall %.2f (disturbed below %.2f), median / best"
                + " round %.2f (disturbed below %.2f)", cpuShare, MIN_CPU_SHARE, steadiness, MIN_STEADINESS);
        return disturbed() ? figures + ": the machine was busy during the read" : figures;
    }

    private static double median(double[] values) {
        return new Samples("read", "", values).median();
    }
}
