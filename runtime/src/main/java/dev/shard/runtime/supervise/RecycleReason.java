package dev.shard.runtime.supervise;

/** Why a worker was replaced; {@link #jsonName()} is what reports print. */
public enum RecycleReason {
    LIMIT("limit"),
    DRIFT("drift"),
    MAX_TASKS("maxTasks"),
    HARD_LIMIT("hardLimit");

    private final String jsonName;

    RecycleReason(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }
}
