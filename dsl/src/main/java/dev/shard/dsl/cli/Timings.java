package dev.shard.dsl.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a command's wall time goes, printed on stderr by {@code bin/shard --timings ...}.
 * Phases follow each other on one clock: a phase runs from its mark until the next one,
 * so together they cover the command from the launcher's start to the end of {@code main}.
 * Before {@code main}, the launcher passes its start and the moment it hands over to the JVM
 * as epoch nanoseconds in {@value #LAUNCH_VARIABLE} and {@value #EXEC_VARIABLE}; without
 * them the process start ({@link ProcessHandle}; on Linux only to about a second, as it is
 * derived from the boot time in whole seconds) is the origin.
 * Details ("of which" figures such as the run report's) are printed under their phase and
 * not added to the total.
 *
 * <p>Commands mark their phases with {@link #phase} and {@link #detail}; both do nothing
 * unless {@code --timings} was given, so programs call them unconditionally.
 */
public final class Timings {
    public static final String LAUNCH_VARIABLE = "SHARD_LAUNCH_NANOS";
    public static final String EXEC_VARIABLE = "SHARD_EXEC_NANOS";

    private static volatile long mainNanos = System.nanoTime();
    private static volatile long mainEpochNanos = epochNanos(Instant.now());
    private static volatile boolean mainRecorded;
    private static volatile long executeNanos = mainNanos;
    private static volatile Timings active;

    private record Mark(String name, long nanos, boolean detail, double seconds) {
    }

    /** One line of the table: took is the phase's (or detail's) duration; at is its start, NaN for details and the total. */
    record Row(String name, double atSeconds, double tookSeconds, boolean detail) {
    }

    private final List<Mark> marks = new ArrayList<>();

    private Timings() {
    }

    /** Called on main's first line: the moment the launcher's hand-over ends and the command begins. */
    static void mainStarted(long nanos, Instant now) {
        mainNanos = nanos;
        mainEpochNanos = epochNanos(now);
        mainRecorded = true;
    }

    /** Called when the command line starts to be parsed; without main (a test JVM) the command starts here. */
    static void executeStarted(long nanos) {
        executeNanos = nanos;
    }

    /** Starts recording (the {@code --timings} option): the phases before main come from the environment. */
    static synchronized void enable(Map<String, String> environment, Optional<Instant> processStart) {
        if (active != null) {
            return;
        }
        Timings timings = new Timings();
        Long launch = parse(environment.get(LAUNCH_VARIABLE));
        Long exec = parse(environment.get(EXEC_VARIABLE));
        if (launch != null && exec != null && launch <= exec) {
            timings.add("launcher: bin/shard until the JVM (JDK, build check, caches)", toNanoTime(launch));
            timings.add("JVM start and class loading until main()", toNanoTime(exec));
        } else if (launch != null) {
            timings.add("launcher and JVM start until main()", toNanoTime(launch));
        } else if (processStart.isPresent()) {
            timings.add("process and JVM start until main() (coarse: the process start is known to about 1 s)", toNanoTime(epochNanos(processStart.get())));
        }
        // Called without main (ShardCommand.execute in a test JVM), the command starts now.
        timings.add("command line: options, finding the command", mainRecorded ? mainNanos : executeNanos);
        active = timings;
    }

    /** Whether this command records its timings ({@code --timings}). */
    public static boolean enabled() {
        return active != null;
    }

    /** Ends the current phase and starts {@code name} now. */
    public static void phase(String name) {
        Timings timings = active;
        if (timings != null) {
            synchronized (timings) {
                timings.add(name, System.nanoTime());
            }
        }
    }

    /** An "of which" figure for the current phase, measured elsewhere (for example by the run report). */
    public static void detail(String name, double seconds) {
        Timings timings = active;
        if (timings != null) {
            synchronized (timings) {
                timings.marks.add(new Mark(name, System.nanoTime(), true, seconds));
            }
        }
    }

    /** Prints the table (ending the last phase now) and stops recording. */
    static void finish(PrintWriter err) {
        Timings timings;
        synchronized (Timings.class) {
            timings = active;
            active = null;
        }
        if (timings != null) {
            synchronized (timings) {
                err.print(render(timings.rows(System.nanoTime())));
                err.flush();
            }
        }
    }

    /**
     * {@code reportJson}, one run report (a JSON object), with the command's phases so far added as
     * {@code "commandTimings"} when {@code --timings} records them, so a report file keeps where the
     * command's time went: each phase's name, {@code atSeconds} (absent for a detail),
     * {@code seconds} and {@code detail}; the phase under way ends at the moment of writing. Without
     * {@code --timings}, {@code reportJson} unchanged.
     */
    public static String annotate(String reportJson) {
        Timings timings = active;
        int end = reportJson.lastIndexOf('}');
        if (timings == null || end < 0) {
            return reportJson;
        }
        List<Row> rows = timings.rows(System.nanoTime());
        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.writeStartArray();
            // The last row is the total to the end of main, which has not come yet.
            for (Row row : rows.subList(0, Math.max(0, rows.size() - 1))) {
                json.writeStartObject();
                json.writeStringField("phase", row.name());
                if (!Double.isNaN(row.atSeconds())) {
                    json.writeNumberField("atSeconds", row.atSeconds());
                }
                json.writeNumberField("seconds", row.tookSeconds());
                json.writeBooleanField("detail", row.detail());
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reportJson.substring(0, end) + ",\"commandTimings\":" + text + reportJson.substring(end);
    }

    /** The rows recorded so far, phases ending at {@code endNanos}; empty when not recording. */
    static List<Timings.Row> rowsUntil(long endNanos) {
        Timings timings = active;
        return timings == null ? List.of() : timings.rows(endNanos);
    }

    private void add(String name, long nanos) {
        marks.add(new Mark(name, nanos, false, 0));
    }

    /** The table's rows, phases ending at {@code endNanos}, and a total over the phases. */
    synchronized List<Row> rows(long endNanos) {
        List<Row> rows = new ArrayList<>();
        List<Mark> phases = marks.stream().filter(mark -> !mark.detail()).toList();
        if (phases.isEmpty()) {
            return rows;
        }
        long origin = phases.getFirst().nanos();
        for (Mark mark : marks) {
            if (mark.detail()) {
                rows.add(new Row(mark.name(), Double.NaN, mark.seconds(), true));
                continue;
            }
            int index = phases.indexOf(mark);
            long end = index + 1 < phases.size() ? phases.get(index + 1).nanos() : endNanos;
            rows.add(new Row(mark.name(), (mark.nanos() - origin) / 1e9, (end - mark.nanos()) / 1e9, false));
        }
        rows.add(new Row("total (to the end of main)", Double.NaN, (endNanos - origin) / 1e9, false));
        return rows;
    }

    static String render(List<Row> rows) {
        int width = rows.stream().mapToInt(row -> row.name().length() + (row.detail() ? 4 : 0)).max().orElse(0);
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%-" + (width + 2) + "s %9s %9s%n", "timings:", "took s", "at s"));
        for (Row row : rows) {
            String name = (row.detail() ? "    " : "") + row.name();
            String at = Double.isNaN(row.atSeconds()) ? "" : String.format(Locale.ROOT, "%9.3f", row.atSeconds());
            text.append(String.format(Locale.ROOT, "  %-" + width + "s %9.3f %9s%n", name, row.tookSeconds(), at));
        }
        return text.toString();
    }

    private static Long parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long toNanoTime(long epochNanos) {
        return mainNanos - (mainEpochNanos - epochNanos);
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
