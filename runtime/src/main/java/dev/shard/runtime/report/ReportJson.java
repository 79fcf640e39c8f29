package dev.shard.runtime.report;

/** Writes a {@link RunReport} as JSON; exact numbers (bytes, seconds), keys in a fixed order. */
final class ReportJson {
    private ReportJson() {
    }

    static String write(RunReport report) {
        JsonWriter json = new JsonWriter().beginObject()
                .field("schemaVersion", report.schemaVersion())
                .field("status", report.status());
        RunReport.Timings timings = report.timings();
        json.name("timings").beginObject()
                .field("poolStartSeconds", timings.poolStartSeconds())
                .field("shareSeconds", timings.shareSeconds())
                .field("computeSeconds", timings.computeSeconds())
                .field("totalSeconds", timings.totalSeconds())
                .endObject();
        RunReport.ShardCounts shards = report.shards();
        json.name("shards").beginObject()
                .field("total", shards.total()).field("succeeded", shards.succeeded())
                .field("failed", shards.failed()).field("retries", shards.retries())
                .endObject();
        json.name("limits").beginObject()
                .field("memoryLimitBytes", report.limits().memoryLimitBytes())
                .field("hardLimitBytes", report.limits().hardLimitBytes())
                .field("source", report.limits().source())
                .endObject();
        json.array("workers", report.workers(), (out, worker) -> out.beginObject()
                .field("id", worker.id()).field("pid", worker.pid())
                .field("baselinePrivateBytes", worker.baselinePrivateBytes())
                .field("peakPrivateBytes", worker.peakPrivateBytes())
                .field("endPrivateBytes", worker.endPrivateBytes())
                .field("peakRssBytes", worker.peakRssBytes())
                .field("tasks", worker.tasks()).field("recycles", worker.recycles())
                .field("startMillis", worker.startMillis())
                .endObject());
        json.array("recycles", report.recycles(), (out, recycle) -> out.beginObject()
                .field("worker", recycle.worker()).field("pid", recycle.pid()).field("reason", recycle.reason())
                .field("privateBytes", recycle.privateBytes()).field("atSeconds", recycle.atSeconds())
                .endObject());
        json.array("deaths", report.deaths(), (out, death) -> out.beginObject()
                .field("worker", death.worker()).field("pid", death.pid()).field("cause", death.cause())
                .field("atSeconds", death.atSeconds())
                .endObject());
        json.name("copies").beginObject()
                .field("events", report.copies().events()).field("bytes", report.copies().bytes())
                .array("topCallSites", report.copies().topCallSites(), (out, site) -> out.beginObject()
                        .field("site", site.site()).field("what", site.what())
                        .field("events", site.events()).field("bytes", site.bytes())
                        .endObject())
                .endObject();
        json.field("sharedBytes", report.sharedBytes());
        json.name("shardTimes").beginObject()
                .field("p50", report.shardTimes().p50()).field("p95", report.shardTimes().p95())
                .field("max", report.shardTimes().max())
                .field("steadyMax", report.shardTimes().steadyMax())
                .endObject();
        json.array("failures", report.failures(), (out, failure) -> out.beginObject()
                .field("shard", failure.shard()).field("attempts", failure.attempts())
                .field("worker", failure.worker()).field("pid", failure.pid())
                .field("error", failure.error()).field("stackTrace", failure.stackTrace())
                .endObject());
        json.array("recommendations", report.recommendations(), JsonWriter::value);
        return json.endObject().toString();
    }
}
