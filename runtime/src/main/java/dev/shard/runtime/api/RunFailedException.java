package dev.shard.runtime.api;

import dev.shard.runtime.task.ShardFailure;
import java.util.List;

/** A run that did not produce every shard's result; the message names shard, attempts, worker and cause. */
public final class RunFailedException extends RuntimeException {
    private final transient List<ShardFailure> failures;

    public RunFailedException(String message, List<ShardFailure> failures) {
        super(message);
        this.failures = List.copyOf(failures);
    }

    public static RunFailedException of(List<ShardFailure> failures, String runError) {
        StringBuilder message = new StringBuilder("run failed");
        if (runError != null) {
            message.append(": ").append(runError);
        }
        if (!failures.isEmpty()) {
            ShardFailure first = failures.getFirst();
            message.append(": ").append(failures.size()).append(" shard").append(failures.size() == 1 ? "" : "s")
                    .append(" failed; first: ").append(first.describe())
                    .append("\nremote stack trace:\n").append(first.remoteStackTrace());
        }
        return new RunFailedException(message.toString(), failures);
    }

    public List<ShardFailure> failures() {
        return failures;
    }
}
