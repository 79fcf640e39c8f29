package dev.shard.examples.options;

/**
 * One option a program accepts.
 *
 * @param name        with its dashes, such as {@code --rows}
 * @param placeholder what the value is, such as {@code n}
 * @param example     a valid value, quoted in error messages
 * @param description one line for the usage text
 */
public record OptionSpec(String name, String placeholder, String example, String description) {
    public OptionSpec {
        if (!name.startsWith("--")) {
            throw new IllegalArgumentException("option names start with --, got " + name);
        }
    }

    /** {@code --rows n}, as the usage line shows it. */
    public String synopsis() {
        return name + " " + placeholder;
    }
}
