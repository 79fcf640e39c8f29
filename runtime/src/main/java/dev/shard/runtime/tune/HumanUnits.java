package dev.shard.runtime.tune;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Numbers as people read them in explain and messages; JSON keeps the exact figures.
 *
 * <ul>
 * <li>Bytes in binary units: {@code 512 B}, {@code 4.0 GiB}, {@code 42 MiB} — one decimal
 * below 10, none from 10 up, so every figure has two or three significant digits.
 * <li>Rows in decimal thousands — K = 1,000, M = 1,000,000, G = 10<sup>9</sup>, as the
 * {@code .shard} language reads them — and exactly, with as many decimals as the count needs
 * ({@code 64K}, {@code 65.536K}, {@code 2.490368M}): a row count pasted from explain into
 * {@code shard rows <n>} is the same number of rows. Below 1,000 the count itself.
 * <li>Durations and factors with up to one or two decimals ({@code 92 µs}, {@code 3.1×}).
 * </ul>
 * Always {@link Locale#ROOT}, so output does not change with the machine's locale.
 */
public final class HumanUnits {
    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final String[] ROW_UNITS = {"", "K", "M", "G", "T", "P", "E"};
    private static final BigDecimal KIBI = BigDecimal.valueOf(1024);
    private static final BigDecimal TEN = BigDecimal.TEN;
    private static final long ROW_THOUSAND = 1000;
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(ROW_THOUSAND);

    private HumanUnits() {
    }

    /** {@code 4.0 GiB}, {@code 42 MiB}, {@code 512 B}, rounded half up. */
    public static String bytes(long bytes) {
        return bytes(bytes, RoundingMode.HALF_UP);
    }

    /** Like {@link #bytes(long)} but never below {@code bytes}: for "use at least ..." advice. */
    public static String bytesAtLeast(long bytes) {
        return bytes(bytes, RoundingMode.CEILING);
    }

    /**
     * {@code smaller} and {@code larger} (smaller &lt; larger) with as many decimals as it takes
     * to tell them apart (up to three), {@code larger} rounded up: "budget 1.27 GiB, use at
     * least 1.28 GiB" rather than "1.3 GiB ... at least 1.3 GiB".
     */
    public static String[] bytesApart(long smaller, long larger) {
        for (int extra = 0; extra <= 2; extra++) {
            String low = bytes(smaller, RoundingMode.HALF_UP, extra);
            String high = bytes(larger, RoundingMode.CEILING, extra);
            if (!low.equals(high) || extra == 2) {
                return new String[] {low, high};
            }
        }
        throw new AssertionError("unreachable");
    }

    private static String bytes(long bytes, RoundingMode rounding) {
        return bytes(bytes, rounding, 0);
    }

    private static String bytes(long bytes, RoundingMode rounding, int extraDecimals) {
        if (bytes < 0) {
            return "-" + bytes(-bytes, rounding, extraDecimals);
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        BigDecimal value = BigDecimal.valueOf(bytes);
        int unit = 0;
        while (unit < BYTE_UNITS.length - 1 && value.compareTo(KIBI) >= 0) {
            value = value.divide(KIBI);
            unit++;
        }
        BigDecimal shown = value.setScale((value.compareTo(TEN) < 0 ? 1 : 0) + extraDecimals, rounding);
        if (shown.compareTo(TEN) >= 0 && shown.scale() > extraDecimals) {
            shown = value.setScale(extraDecimals, rounding);
        }
        if (shown.compareTo(KIBI) >= 0 && unit < BYTE_UNITS.length - 1) {
            shown = BigDecimal.ONE.setScale(1 + extraDecimals);
            unit++;
        }
        return shown.toPlainString() + " " + BYTE_UNITS[unit];
    }

    /** {@code 64K}, {@code 65.536K}, {@code 19.073486M}, {@code 999}: decimal units, exact (K = 1,000). */
    public static String rows(long rows) {
        if (rows < 0) {
            return "-" + rows(-rows);
        }
        if (rows < ROW_THOUSAND) {
            return Long.toString(rows);
        }
        BigDecimal value = BigDecimal.valueOf(rows);
        int unit = 0;
        while (unit < ROW_UNITS.length - 1 && value.compareTo(THOUSAND) >= 0) {
            value = value.divide(THOUSAND);
            unit++;
        }
        return strip(value) + ROW_UNITS[unit];
    }

    /** An exact count with thousands separators: {@code 65,536}. */
    public static String count(long value) {
        DecimalFormat format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(value);
    }

    /** {@code 12 ns}, {@code 2.5 ns}, {@code 92 µs}, {@code 4.6 ms}, {@code 1.5 s}. */
    public static String nanos(double nanos) {
        String[] units = {"ns", "µs", "ms", "s"};
        double value = nanos;
        int unit = 0;
        while (unit < units.length - 1 && Math.abs(value) >= 1000) {
            value /= 1000;
            unit++;
        }
        BigDecimal shown = BigDecimal.valueOf(value).setScale(Math.abs(value) < 10 ? 1 : 0, RoundingMode.HALF_UP);
        return strip(shown) + " " + units[unit];
    }

    /** A factor with up to two decimals: {@code 3.1×}, {@code 1×}. */
    public static String factor(double factor) {
        return strip(BigDecimal.valueOf(factor).setScale(2, RoundingMode.HALF_UP)) + "×";
    }

    private static String strip(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
