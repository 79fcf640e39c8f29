package dev.shard.planner.run;

import dev.shard.runtime.report.RunReport;
import dev.shard.runtime.report.RunReport.CopySite;
import dev.shard.runtime.report.RunReport.WorkerReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One run report for a whole query from the reports of its stages, which run one after
 * another on the same pool (broadcast builds, a partitioned join's partition and join
 * steps, the final stage). Counts, times and copies add up; a worker slot's peak is its
 * largest in any stage; deaths and recycles keep the stage they happened in and are timed
 * from the query's start; the simultaneous peak is the largest of any stage's, as stages
 * never overlap. Shard-time percentiles of different stages cannot be combined: the
 * combined p50 and p95 are the largest of any stage's, an upper bound.
 */
final class QueryReports {
    private static final int TOP_COPY_SITES = 10;

    private QueryReports() {
    }

    /** The query's report; empty when no stage ran. */
    static Optional<RunReport> combine(long queryStartNanos, List<StageRunReport> stages) {
        if (stages.isEmpty()) {
            return Optional.empty();
        }
        if (stages.size() == 1) {
            return Optional.of(named(queryStartNanos, stages.getFirst()));
        }
        String status = "succeeded";
        double poolStart = 0, share = 0, compute = 0, total = 0;
        int shards = 0, succeeded = 0, failed = 0, retries = 0;
        long copyEvents = 0, copyBytes = 0, sharedBytes = 0, simultaneous = -1;
        double p50 = 0, p95 = 0, max = 0, steadyMax = 0;
        Map<Integer, WorkerReport> workers = new TreeMap<>();
        Map<String, CopySite> sites = new LinkedHashMap<>();
        List<RunReport.RecycleEvent> recycles = new ArrayList<>();
        List<RunReport.DeathEvent> deaths = new ArrayList<>();
        List<RunReport.FailureReport> failures = new ArrayList<>();
        LinkedHashSet<String> recommendations = new LinkedHashSet<>();
        RunReport.Limits limits = RunReport.Limits.NONE;
        for (StageRunReport stage : stages) {
            RunReport report = named(queryStartNanos, stage);
            if (!report.status().equals("succeeded")) {
                status = report.status();
            }
            poolStart += report.timings().poolStartSeconds();
            share += report.timings().shareSeconds();
            compute += report.timings().computeSeconds();
            total += report.timings().totalSeconds();
            shards += report.shards().total();
            succeeded += report.shards().succeeded();
            failed += report.shards().failed();
            retries += report.shards().retries();
            for (WorkerReport worker : report.workers()) {
                workers.merge(worker.id(), worker, QueryReports::laterStage);
            }
            recycles.addAll(report.recycles());
            deaths.addAll(report.deaths());
            failures.addAll(report.failures());
            copyEvents += report.copies().events();
            copyBytes += report.copies().bytes();
            for (CopySite site : report.copies().topCallSites()) {
                sites.merge(site.site() + "\u0000" + site.what(), site, (a, b) -> new CopySite(a.site(), a.what(),
                        a.events() + b.events(), a.bytes() + b.bytes()));
            }
            sharedBytes = Math.max(sharedBytes, report.sharedBytes());
            simultaneous = Math.max(simultaneous, report.peakSimultaneousPrivateBytes());
            p50 = Math.max(p50, report.shardTimes().p50());
            p95 = Math.max(p95, report.shardTimes().p95());
            max = Math.max(max, report.shardTimes().max());
            steadyMax = Math.max(steadyMax, report.shardTimes().steadyMax());
            recommendations.addAll(report.recommendations());
            limits = report.limits();
        }
        List<CopySite> topSites = sites.values().stream()
                .sorted((a, b) -> Long.compare(b.bytes(), a.bytes())).limit(TOP_COPY_SITES).toList();
        return Optional.of(new RunReport(RunReport.SCHEMA_VERSION, status,
                new RunReport.Timings(poolStart, share, compute, total),
                new RunReport.ShardCounts(shards, succeeded, failed, retries), List.copyOf(workers.values()),
                recycles, deaths, new RunReport.Copies(copyEvents, copyBytes, topSites), sharedBytes,
                new RunReport.ShardTimes(p50, p95, max, steadyMax), failures, List.copyOf(recommendations), limits,
                simultaneous));
    }

    /**
     * What happened in one stage's run that explain --analyze must show beside its actuals:
     * retries, deaths, recycles, failures and copies; nothing for a quiet run.
     */
    static List<String> events(Optional<RunReport> report) {
        if (report.isEmpty()) {
            return List.of();
        }
        RunReport run = report.get();
        List<String> notes = new ArrayList<>();
        for (RunReport.DeathEvent death : run.deaths()) {
            notes.add(String.format(Locale.ROOT, "worker %d (pid %d) died at %.3f s: %s; it was replaced and its"
                    + " shards re-queued", death.worker(), death.pid(), death.atSeconds(), death.cause()));
        }
        for (RunReport.RecycleEvent recycle : run.recycles()) {
            notes.add(String.format(Locale.ROOT, "worker %d (pid %d) recycled at %.3f s: %s, private %s",
                    recycle.worker(), recycle.pid(), recycle.atSeconds(), recycle.reason(),
                    dev.shard.runtime.tune.HumanUnits.bytes(recycle.privateBytes())));
        }
        if (run.shards().retries() > 0) {
            notes.add(run.shards().retries() + " shard " + (run.shards().retries() == 1 ? "retry" : "retries")
                    + " (re-run attempts after a death, timeout or error); output committed once");
        }
        if (run.shards().failed() > 0) {
            notes.add(run.shards().failed() + " shards failed for good");
        }
        if (run.copies().bytes() > 0) {
            notes.add("copies out of shared memory: " + run.copies().events() + " events, "
                    + dev.shard.runtime.tune.HumanUnits.bytes(run.copies().bytes()));
        }
        return notes;
    }

    /** The stage's report with its events named by stage and timed from the query's start. */
    private static RunReport named(long queryStartNanos, StageRunReport stage) {
        RunReport report = stage.report();
        double offset = Math.max(0, (stage.startNanos() - queryStartNanos) / 1e9);
        List<RunReport.DeathEvent> deaths = report.deaths().stream().map(death -> new RunReport.DeathEvent(
                death.worker(), death.pid(), "during " + stage.stage() + ": " + death.cause(),
                death.atSeconds() + offset)).toList();
        List<RunReport.RecycleEvent> recycles = report.recycles().stream().map(recycle -> new RunReport.RecycleEvent(
                recycle.worker(), recycle.pid(), recycle.reason() + " (during " + stage.stage() + ")",
                recycle.privateBytes(), recycle.atSeconds() + offset)).toList();
        List<String> recommendations = new ArrayList<>(report.recommendations());
        if (report.shards().retries() > 0) {
            recommendations.add(stage.stage() + ": " + report.shards().retries() + " shard retries after "
                    + report.deaths().size() + " worker deaths; only the lost shards ran again");
        }
        return new RunReport(report.schemaVersion(), report.status(), report.timings(), report.shards(),
                report.workers(), recycles, deaths, report.copies(), report.sharedBytes(), report.shardTimes(),
                report.failures(), recommendations, report.limits(), report.peakSimultaneousPrivateBytes());
    }

    /** A slot over two stages: the later process, the larger peaks, the tasks and recycles of both. */
    private static WorkerReport laterStage(WorkerReport earlier, WorkerReport later) {
        return new WorkerReport(later.id(), later.pid(), earlier.baselinePrivateBytes(),
                Math.max(earlier.peakPrivateBytes(), later.peakPrivateBytes()), later.endPrivateBytes(),
                Math.max(earlier.peakRssBytes(), later.peakRssBytes()), earlier.tasks() + later.tasks(),
                earlier.recycles() + later.recycles(), Math.max(earlier.startMillis(), later.startMillis()));
    }
}
