package dev.shard.runtime.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanUnitsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 | 0 B", "1023 | 1023 B", "1024 | 1.0 KiB", "44040192 | 42 MiB", "4294967296 | 4.0 GiB",
        "1288490188 | 1.2 GiB", "188743680 | 180 MiB", "10433332 | 10 MiB", "1073689395 | 1.0 GiB",
        "9223372036854775807 | 8.0 EiB"})
    void bytesHaveTwoOrThreeSignificantDigits(long bytes, String expected) {
        assertEquals(expected, HumanUnits.bytes(bytes));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1048577 | 1.1 MiB", "1048576 | 1.0 MiB", "10485761 | 11 MiB"})
    void adviceRoundsUp(long bytes, String expected) {
        assertEquals(expected, HumanUnits.bytesAtLeast(bytes));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 | 0", "999 | 999", "1000 | 1K", "1024 | 1.024K", "64000 | 64K", "65536 | 65.536K",
        "1310720 | 1.31072M", "20000000 | 20M", "2490368 | 2.490368M", "1073741823 | 1.073741823G",
        "1500 | 1.5K", "-65536 | -65.536K"})
    void rowsInDecimalThousandsExactly(long rows, String expected) {
        assertEquals(expected, HumanUnits.rows(rows));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"2.5 | 2.5 ns", "12 | 12 ns", "92000 | 92 µs", "4600000 | 4.6 ms",
        "1500000000 | 1.5 s"})
    void durations(double nanos, String expected) {
        assertEquals(expected, HumanUnits.nanos(nanos));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"3.1 | 3.1×", "1 | 1×", "2.254 | 2.25×"})
    void factors(double factor, String expected) {
        assertEquals(expected, HumanUnits.factor(factor));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1363148800 | 1375731712 | 1.27 GiB | 1.29 GiB", "1073741824 | 1503238554 | 1.0 GiB | 1.5 GiB"})
    void budgetAndAdviceAreToldApart(long smaller, long larger, String low, String high) {
        assertArrayEquals(new String[] {low, high}, HumanUnits.bytesApart(smaller, larger));
    }

    @org.junit.jupiter.api.Test
    void countsHaveSeparators() {
        assertEquals("65,536", HumanUnits.count(65_536));
        assertEquals("20,000,000", HumanUnits.count(20_000_000));
    }
}
