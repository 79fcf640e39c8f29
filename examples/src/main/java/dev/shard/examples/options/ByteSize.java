package dev.shard.examples.options;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as people write them: {@code 512MiB}, {@code 2GiB}, {@code 1.5GiB},
 * {@code 64k}, {@code 1048576}. Binary units (KiB, MiB, GiB, TiB, and the JVM-style
 * K, M, G, T) are powers of 1024; decimal units (KB, MB, GB, TB) powers of 1000.
 * Units are case-insensitive; a bare number is bytes.
 */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]*)\\s*");
    private static final long KIB = 1024;
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("k", KIB), Map.entry("kib", KIB),
            Map.entry("m", KIB * KIB), Map.entry("mib", KIB * KIB),
            Map.entry("g", KIB * KIB * KIB), Map.entry("gib", KIB * KIB * KIB),
            Map.entry("t", KIB * KIB * KIB * KIB), Map.entry("tib", KIB * KIB * KIB * KIB),
            Map.entry("kb", 1_000L), Map.entry("mb", 1_000_000L),
            Map.entry("gb", 1_000_000_000L), Map.entry("tb", 1_000_000_000_000L));
    private static final String[] DISPLAY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};
    private static final String HOW = "use a whole number of bytes or a number with a unit,"
            + " such as 512MiB, 2GiB or 1.5GiB (units: B, KiB, MiB, GiB, TiB, KB, MB, GB, TB)";

    private ByteSize() {
    }

    /** Parses {@code text} into bytes; a fractional byte count rounds down. */
    public static long parse(String text) {
        Matcher matcher = SIZE.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("invalid size '" + text + "': " + HOW);
        }
        Long multiplier = UNITS.get(matcher.group(2).toLowerCase(Locale.ROOT));
        if (multiplier == null) {
            throw new IllegalArgumentException("unknown unit '" + matcher.group(2) + "' in size '" + text + "': " + HOW);
        }
        BigDecimal bytes = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(multiplier));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("size '" + text + "' is too large: at most " + Long.MAX_VALUE + " bytes");
        }
        return bytes.longValue();
    }

    /** A short human form in binary units, such as {@code 512 MiB} or {@code 1.5 GiB}. */
    public static String format(long bytes) {
        double value = bytes;
        int unit = 0;
        while (Math.abs(value) >= KIB && unit < DISPLAY_UNITS.length - 1) {
            value /= KIB;
            unit++;
        }
        if (unit == 0) {
            return bytes + " B";
        }
        String number = String.format(Locale.ROOT, "%.1f", value);
        if (number.endsWith(".0")) {
            number = number.substring(0, number.length() - 2);
        }
        return number + " " + DISPLAY_UNITS[unit];
    }
}
