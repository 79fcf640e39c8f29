package dev.shard.planner.matrix;

import dev.shard.planner.explain.ExplainText;
import dev.shard.runtime.tune.HumanUnits;
import java.util.ArrayList;
import java.util.List;

/** An apply's actuals in explain's text, marked as a query stage's are (same flag, same words). */
final class ApplyActualsText {
    private ApplyActualsText() {
    }

    /** {@code  (actual 1.2M)}, with {@code !} when the estimate is off by more than 2×; unknown when not sampled. */
    static String actual(long estimate, long actual, String shown) {
        if (actual < 0) {
            return " (actual unknown)";
        }
        return " (actual " + shown + (ExplainText.offByMoreThanTwice(estimate, actual) ? " !)" : ")");
    }

    static String retriesAndRecycles(ApplyActuals ran) {
        List<String> parts = new ArrayList<>();
        if (ran.retries() > 0) {
            parts.add(ran.retries() + (ran.retries() == 1 ? " retry" : " retries"));
        }
        if (ran.recycles() > 0) {
            parts.add(ran.recycles() + (ran.recycles() == 1 ? " recycle" : " recycles"));
        }
        return parts.isEmpty() ? "" : ", " + String.join(", ", parts);
    }

    /** {@code   peak private per worker: w0 41 MiB, w1 39 MiB}, as a stage prints it. */
    static String workers(ApplyActuals ran) {
        if (ran.peakPrivateBytesPerWorker().isEmpty()) {
            return "";
        }
        List<String> workers = new ArrayList<>();
        for (int slot = 0; slot < ran.peakPrivateBytesPerWorker().size(); slot++) {
            workers.add("w" + slot + " " + HumanUnits.bytes(ran.peakPrivateBytesPerWorker().get(slot)));
        }
        return "  peak private per worker: " + String.join(", ", workers) + "\n";
    }
}
