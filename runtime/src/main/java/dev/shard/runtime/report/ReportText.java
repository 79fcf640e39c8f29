package dev.shard.runtime.report;

import java.util.Locale;

/** The human rendering of a {@link RunReport}: summary, memory, copies, tasks, advice. */
final class ReportText {
    private ReportText() {
    }

    static String render(RunReport report) {
        StringBuilder text = new StringBuilder();
        RunReport.Timings timings = report.timings();
        RunReport.ShardCounts shards = report.shards();
        line(text, "run %s: %d/%d shards succeeded, %d failed, %d retries", report.status(), shards.succeeded(),
                shards.total(), shards.failed(), shards.retries());
        // "map inputs": workers opening the shared inputs and outputs (part of compute); pool start: first run only.
        line(text, "time: total %.3f s, compute %.3f s (map inputs %.3f s, slowest worker), pool start %.3f s",
                timings.totalSeconds(), timings.computeSeconds(), timings.shareSeconds(), timings.poolStartSeconds());
        text.append("memory (private = RssAnon; shared pages apart):\n");
        RunReport.Limits limits = report.limits();
        line(text, "  limits: memoryLimit %s, hardLimit %s (%s)", limit(limits.memoryLimitBytes()),
                limit(limits.hardLimitBytes()), limits.source());
        line(text, "  %-6s %-8s %12s %12s %12s %12s %12s %8s %8s %9s", "worker", "pid", "baseline", "peak", "limit",
                "end", "peak RSS", "tasks", "recycles", "start");
        for (RunReport.WorkerReport worker : report.workers()) {
            line(text, "  %-6d %-8d %12s %12s %12s %12s %12s %8d %8d %9s", worker.id(), worker.pid(),
                    bytes(worker.baselinePrivateBytes()), bytes(worker.peakPrivateBytes()),
                    limit(limits.memoryLimitBytes()), bytes(worker.endPrivateBytes()), bytes(worker.peakRssBytes()), worker.tasks(), worker.recycles(),
                    worker.startMillis() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f ms", worker.startMillis()));
        }
        line(text, "  all workers' private memory at one moment (peak over sampling rounds): %s",
                bytes(report.peakSimultaneousPrivateBytes()));
        line(text, "  shared pages mapped by a worker during the run: %s", bytes(report.sharedBytes()));
        for (RunReport.RecycleEvent recycle : report.recycles()) {
            line(text, "  recycle: worker %d (pid %d) at %.3f s, reason %s, private %s", recycle.worker(),
                    recycle.pid(), recycle.atSeconds(), recycle.reason(), bytes(recycle.privateBytes()));
        }
        for (RunReport.DeathEvent death : report.deaths()) {
            line(text, "  death: worker %d (pid %d) at %.3f s: %s", death.worker(), death.pid(), death.atSeconds(),
                    death.cause());
        }
        line(text, "copies out of shared memory: %d events, %s", report.copies().events(),
                bytes(report.copies().bytes()));
        for (RunReport.CopySite site : report.copies().topCallSites()) {
            line(text, "  %s %s: %d events, %s", site.what(), site.site(), site.events(), bytes(site.bytes()));
        }
        line(text, "shard times: p50 %s, p95 %s, max %s (after warm-up %s)", seconds(report.shardTimes().p50()),
                seconds(report.shardTimes().p95()), seconds(report.shardTimes().max()),
                seconds(report.shardTimes().steadyMax()));
        for (RunReport.FailureReport failure : report.failures()) {
            line(text, "failed: shard %d after %d attempts on worker %d (pid %d): %s", failure.shard(),
                    failure.attempts(), failure.worker(), failure.pid(), failure.error());
        }
        for (String recommendation : report.recommendations()) {
            line(text, "advice: %s", recommendation);
        }
        return text.toString();
    }

    private static String limit(long bytes) {
        return bytes <= 0 ? "none" : bytes(bytes);
    }

    static String bytes(long bytes) {
        if (bytes < 0) {
            return "n/a";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String seconds(double seconds) {
        if (seconds < 1e-3) {
            return String.format(Locale.ROOT, "%.1f us", seconds * 1e6);
        }
        return seconds < 1 ? String.format(Locale.ROOT, "%.2f ms", seconds * 1e3)
                : String.format(Locale.ROOT, "%.3f s", seconds);
    }

    private static void line(StringBuilder text, String format, Object... arguments) {
        text.append(String.format(Locale.ROOT, format, arguments)).append('\n');
    }
}
