package dev.shard.runtime.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes a {@link RunReport} as compact JSON through Jackson's streaming generator: exact
 * numbers (bytes, seconds as {@link Double#toString}), keys in a fixed order, a figure that
 * is not finite as null. Only the driver writes reports, so Jackson is loaded there on the
 * first report and never on a worker's start path.
 */
final class ReportJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ReportJson() {
    }

    static String write(RunReport report) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            json.writeStartObject();
            json.writeNumberField("schemaVersion", report.schemaVersion());
            json.writeStringField("status", report.status());
            writeTimings(json, report.timings());
            writeShards(json, report.shards());
            writeLimits(json, report.limits());
            writeWorkers(json, report.workers());
            json.writeNumberField("peakSimultaneousPrivateBytes", report.peakSimultaneousPrivateBytes());
            writeEvents(json, report);
            writeCopies(json, report.copies());
            json.writeNumberField("sharedBytes", report.sharedBytes());
            writeShardTimes(json, report.shardTimes());
            writeFailures(json, report.failures());
            json.writeArrayFieldStart("recommendations");
            for (String recommendation : report.recommendations()) {
                json.writeString(recommendation);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run report as JSON into memory", e);
        }
        return text.toString();
    }

    private static void writeTimings(JsonGenerator json, RunReport.Timings timings) throws IOException {
        json.writeObjectFieldStart("timings");
        number(json, "poolStartSeconds", timings.poolStartSeconds());
        number(json, "shareSeconds", timings.shareSeconds());
        number(json, "computeSeconds", timings.computeSeconds());
        number(json, "totalSeconds", timings.totalSeconds());
        json.writeEndObject();
    }

    private static void writeShards(JsonGenerator json, RunReport.ShardCounts shards) throws IOException {
        json.writeObjectFieldStart("shards");
        json.writeNumberField("total", shards.total());
        json.writeNumberField("succeeded", shards.succeeded());
        json.writeNumberField("failed", shards.failed());
        json.writeNumberField("retries", shards.retries());
        json.writeEndObject();
    }

    private static void writeLimits(JsonGenerator json, RunReport.Limits limits) throws IOException {
        json.writeObjectFieldStart("limits");
        json.writeNumberField("memoryLimitBytes", limits.memoryLimitBytes());
        json.writeNumberField("hardLimitBytes", limits.hardLimitBytes());
        json.writeStringField("source", limits.source());
        json.writeEndObject();
    }

    private static void writeWorkers(JsonGenerator json, List<RunReport.WorkerReport> workers) throws IOException {
        json.writeArrayFieldStart("workers");
        for (RunReport.WorkerReport worker : workers) {
            json.writeStartObject();
            json.writeNumberField("id", worker.id());
            json.writeNumberField("pid", worker.pid());
            json.writeNumberField("baselinePrivateBytes", worker.baselinePrivateBytes());
            json.writeNumberField("peakPrivateBytes", worker.peakPrivateBytes());
            json.writeNumberField("endPrivateBytes", worker.endPrivateBytes());
            json.writeNumberField("peakRssBytes", worker.peakRssBytes());
            json.writeNumberField("tasks", worker.tasks());
            json.writeNumberField("recycles", worker.recycles());
            number(json, "startMillis", worker.startMillis());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeEvents(JsonGenerator json, RunReport report) throws IOException {
        json.writeArrayFieldStart("recycles");
        for (RunReport.RecycleEvent recycle : report.recycles()) {
            json.writeStartObject();
            json.writeNumberField("worker", recycle.worker());
            json.writeNumberField("pid", recycle.pid());
            json.writeStringField("reason", recycle.reason());
            json.writeNumberField("privateBytes", recycle.privateBytes());
            number(json, "atSeconds", recycle.atSeconds());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("deaths");
        for (RunReport.DeathEvent death : report.deaths()) {
            json.writeStartObject();
            json.writeNumberField("worker", death.worker());
            json.writeNumberField("pid", death.pid());
            json.writeStringField("cause", death.cause());
            number(json, "atSeconds", death.atSeconds());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeCopies(JsonGenerator json, RunReport.Copies copies) throws IOException {
        json.writeObjectFieldStart("copies");
        json.writeNumberField("events", copies.events());
        json.writeNumberField("bytes", copies.bytes());
        json.writeArrayFieldStart("topCallSites");
        for (RunReport.CopySite site : copies.topCallSites()) {
            json.writeStartObject();
            json.writeStringField("site", site.site());
            json.writeStringField("what", site.what());
            json.writeNumberField("events", site.events());
            json.writeNumberField("bytes", site.bytes());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeShardTimes(JsonGenerator json, RunReport.ShardTimes times) throws IOException {
        json.writeObjectFieldStart("shardTimes");
        number(json, "p50", times.p50());
        number(json, "p95", times.p95());
        number(json, "max", times.max());
        number(json, "steadyMax", times.steadyMax());
        json.writeEndObject();
    }

    private static void writeFailures(JsonGenerator json, List<RunReport.FailureReport> failures) throws IOException {
        json.writeArrayFieldStart("failures");
        for (RunReport.FailureReport failure : failures) {
            json.writeStartObject();
            json.writeNumberField("shard", failure.shard());
            json.writeNumberField("attempts", failure.attempts());
            json.writeNumberField("worker", failure.worker());
            json.writeNumberField("pid", failure.pid());
            json.writeStringField("error", failure.error());
            json.writeStringField("stackTrace", failure.stackTrace());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** A finite double as its shortest round-trip form; NaN and infinities as null (JSON has neither). */
    private static void number(JsonGenerator json, String name, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumberField(name, value);
        } else {
            json.writeNullField(name);
        }
    }
}
