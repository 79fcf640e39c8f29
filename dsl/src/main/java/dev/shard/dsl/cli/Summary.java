package dev.shard.dsl.cli;

import dev.shard.runtime.report.RunReport;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The end-of-run summary on stderr: time, shards, retries, recycles, peak private memory per worker, returned, copied. */
final class Summary {
    private Summary() {
    }

    static String render(double seconds, List<RunReport> reports) {
        int shards = reports.stream().mapToInt(r -> r.shards().total()).sum();
        int retries = reports.stream().mapToInt(r -> r.shards().retries()).sum();
        int recycles = reports.stream().mapToInt(r -> r.recycles().size()).sum();
        long copied = reports.stream().mapToLong(r -> r.copies().bytes()).sum();
        String peaks = reports.isEmpty() ? "-" : reports.getLast().workers().stream()
                .map(w -> Bytes.format(reports.stream().flatMap(r -> r.workers().stream())
                        .filter(other -> other.id() == w.id())
                        .mapToLong(RunReport.WorkerReport::peakPrivateBytes).max().orElse(0)))
                .collect(Collectors.joining(", "));
        long returned = reports.isEmpty() ? 0 : reports.getLast().workers().stream()
                .mapToLong(w -> Math.max(0, w.peakPrivateBytes() - w.endPrivateBytes())).sum();
        return String.format(Locale.ROOT, "shard: done in %.2f s; %d shards, %d retries, %d recycles;"
                        + " peak private memory per worker %s; memory returned %s; copied %s%n",
                seconds, shards, retries, recycles, peaks, Bytes.format(returned), Bytes.format(copied));
    }
}
