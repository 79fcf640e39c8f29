package dev.shard.runtime.driver;

import dev.shard.runtime.protocol.Message;
import dev.shard.runtime.report.RunReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The events of one run that go into its report: recycles, deaths and copies. */
final class RunEvents {
    private static final int TOP_SITES = 10;

    private final long startNanos;
    private final List<RunReport.RecycleEvent> recycles = new ArrayList<>();
    private final List<RunReport.DeathEvent> deaths = new ArrayList<>();
    private final Map<String, RunReport.CopySite> sites = new LinkedHashMap<>();
    private long copyEvents;
    private long copyBytes;
    private final Map<Integer, Long> openNanos = new HashMap<>();

    RunEvents(long startNanos) {
        this.startNanos = startNanos;
    }

    double secondsSinceStart() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    long startNanos() {
        return startNanos;
    }

    void recycle(WorkerProxy worker, String reason) {
        recycles.add(new RunReport.RecycleEvent(worker.slot, worker.pid(), reason, worker.currentPrivateBytes,
                secondsSinceStart()));
    }

    void death(WorkerProxy worker, String cause) {
        deaths.add(new RunReport.DeathEvent(worker.slot, worker.pid(), cause, secondsSinceStart()));
    }

    void copies(long events, long bytes) {
        copyEvents += events;
        copyBytes += bytes;
    }

    /** Call sites come with a worker's end-of-run summary; counts come with every batch. */
    void summary(Message.RunSummary summary) {
        for (Message.CopySite site : summary.sites()) {
            String key = site.site() + " " + site.what();
            RunReport.CopySite known = sites.get(key);
            sites.put(key, known == null ? new RunReport.CopySite(site.site(), site.what(), site.events(), site.bytes())
                    : new RunReport.CopySite(site.site(), site.what(), known.events() + site.events(),
                            known.bytes() + site.bytes()));
        }
    }

    /** Time a worker spent opening the run's inputs and outputs, reported with its batches. */
    void opened(int workerId, long nanos) {
        openNanos.merge(workerId, nanos, Long::sum);
    }

    /** The longest any worker spent opening the run's inputs and outputs. */
    long maxOpenNanos() {
        return openNanos.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    List<RunReport.RecycleEvent> recycles() {
        return List.copyOf(recycles);
    }

    List<RunReport.DeathEvent> deaths() {
        return List.copyOf(deaths);
    }

    RunReport.Copies copies() {
        List<RunReport.CopySite> top = sites.values().stream()
                .sorted(Comparator.comparingLong(RunReport.CopySite::bytes).reversed()
                        .thenComparing(RunReport.CopySite::site))
                .limit(TOP_SITES).toList();
        return new RunReport.Copies(copyEvents, copyBytes, top);
    }
}
