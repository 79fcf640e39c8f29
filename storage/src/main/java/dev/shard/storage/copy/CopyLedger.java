package dev.shard.storage.copy;

import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-process counters of copies out of shared memory: events, bytes, and the call
 * site (the first frame outside shard's storage layer) that asked for each copy.
 * Every materialize / fetch / toArray goes through {@link #record(String, long)}.
 */
public final class CopyLedger {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final String STORAGE_PACKAGE = "dev.shard.storage.";
    /** Where the storage library's own classes come from (its jar or classes directory). */
    private static final CodeSource STORAGE_CODE = CopyLedger.class.getProtectionDomain().getCodeSource();
    private static final ClassValue<Boolean> IN_STORAGE_LIBRARY = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return isStorageLibraryClass(type);
        }
    };

    private static final LongAdder EVENTS = new LongAdder();
    private static final LongAdder BYTES = new LongAdder();
    private static final Map<String, Site> SITES = new ConcurrentHashMap<>();

    private CopyLedger() {
    }

    /** A call site and what it copied. */
    public record CallSite(String site, String what, long events, long bytes) {
    }

    /** The counters at one moment. */
    public record Snapshot(long events, long bytes, List<CallSite> topCallSites) {
        /** The change since {@code earlier}, for reporting one run of a long-lived process. */
        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(events - earlier.events, bytes - earlier.bytes, topCallSites);
        }
    }

    private static final class Site {
        final String what;
        final LongAdder events = new LongAdder();
        final LongAdder bytes = new LongAdder();

        Site(String what) {
            this.what = what;
        }
    }

    /** Counts one copy of {@code bytes} bytes; {@code what} names the operation ("materialize"). */
    public static void record(String what, long bytes) {
        EVENTS.increment();
        BYTES.add(bytes);
        String site = callSite();
        Site counters = SITES.computeIfAbsent(site + " " + what, key -> new Site(what));
        counters.events.increment();
        counters.bytes.add(bytes);
    }

    public static Snapshot snapshot() {
        return snapshot(10);
    }

    public static Snapshot snapshot(int topSites) {
        if (topSites <= 0 || SITES.isEmpty()) {
            // A worker takes one per batch part, and one at each run's end, most often with no copy
            // made: its counters only, no comparator built and no list sorted (a fresh worker spun the
            // comparators' lambda forms for it).
            return new Snapshot(EVENTS.sum(), BYTES.sum(), List.of());
        }
        List<CallSite> sites = new ArrayList<>();
        SITES.forEach((key, counters) -> sites.add(new CallSite(key.substring(0, key.lastIndexOf(' ')),
                counters.what, counters.events.sum(), counters.bytes.sum())));
        sites.sort(Comparator.comparingLong(CallSite::bytes).reversed().thenComparing(CallSite::site));
        return new Snapshot(EVENTS.sum(), BYTES.sum(), List.copyOf(sites.subList(0, Math.min(topSites, sites.size()))));
    }

    /** Clears the counters (tests, and a worker starting a new run). */
    public static void reset() {
        EVENTS.reset();
        BYTES.reset();
        SITES.clear();
    }

    private static String callSite() {
        return WALKER.walk(frames -> frames
                .filter(frame -> !IN_STORAGE_LIBRARY.get(frame.getDeclaringClass()))
                .findFirst()
                .map(frame -> frame.getClassName() + "." + frame.getMethodName()
                        + "(" + frame.getFileName() + ":" + frame.getLineNumber() + ")")
                .orElse("unknown"));
    }

    /**
     * A frame belongs to the storage layer when its class is in a storage package AND was
     * loaded from the same place as this class. Code in other artifacts that happens to
     * share a package name (for example classes compiled in another directory) is a
     * caller, so the site names the code that asked for the copy, not the layer doing it.
     */
    private static boolean isStorageLibraryClass(Class<?> type) {
        if (!type.getName().startsWith(STORAGE_PACKAGE)) {
            return false;
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (STORAGE_CODE == null || source == null) {
            return true;
        }
        return Objects.equals(STORAGE_CODE.getLocation(), source.getLocation());
    }
}
