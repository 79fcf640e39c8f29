package dev.shard.dsl.diag;

/** How bad a diagnostic is. Errors stop a script from running; warnings do not. */
public enum Severity {
    ERROR("error"),
    WARNING("warning");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
