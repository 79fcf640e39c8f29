package dev.shard.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Repeated measurements of one quantity: median, minimum, maximum and the spread
 * ({@code (max - min) / median}), as the benchmark README reports them.
 */
public record Samples(String name, String unit, double[] values) {
    public Samples {
        if (values.length == 0) {
            throw new IllegalArgumentException(name + ": no samples");
        }
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public double median() {
        return quantile(0.5);
    }

    public double min() {
        return Arrays.stream(values).min().orElseThrow();
    }

    public double max() {
        return Arrays.stream(values).max().orElseThrow();
    }

    /** Relative spread: {@code (max - min) / median}. */
    public double spread() {
        return (max() - min()) / median();
    }

    /** Linear interpolation between the closest ranks; {@code q} in [0, 1]. */
    public double quantile(double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = q * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }

    /** One markdown table row: name | median | min | max | spread | n. */
    public String tableRow() {
        return String.format(Locale.ROOT, "| %s | %s %s | %s | %s | %.1f%% | %d |", name, format(median()), unit,
                format(min()), format(max()), 100 * spread(), values.length);
    }

    public static String tableHeader() {
        return "| measurement | median | min | max | spread (max-min)/median | runs |\n|---|---|---|---|---|---|";
    }

    static String format(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 1_000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
