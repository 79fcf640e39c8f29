package dev.shard.examples.options;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The parsed command line of one example program: {@code --name value} or
 * {@code --name=value}, each option at most once, no positional arguments. Typed
 * accessors validate the value and name the option in their errors.
 */
public final class ExampleOptions {
    private final String program;
    private final Map<String, OptionSpec> specs;
    private final Map<String, String> values;
    private final boolean help;

    private ExampleOptions(String program, Map<String, OptionSpec> specs, Map<String, String> values, boolean help) {
        this.program = program;
        this.specs = specs;
        this.values = values;
        this.help = help;
    }

    /** Parses {@code arguments} against {@code specs}; {@code --help} or {@code -h} asks for usage. */
    public static ExampleOptions parse(String program, List<OptionSpec> specs, List<String> arguments)
            throws UsageException {
        Map<String, OptionSpec> byName = new LinkedHashMap<>();
        specs.forEach(spec -> byName.put(spec.name(), spec));
        Map<String, String> values = new LinkedHashMap<>();
        boolean help = false;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("--help") || argument.equals("-h")) {
                help = true;
                continue;
            }
            if (!argument.startsWith("--")) {
                throw new UsageException("unexpected argument '" + argument + "': options start with --, such as "
                        + specs.getFirst().synopsis());
            }
            int equals = argument.indexOf('=');
            String name = equals < 0 ? argument : argument.substring(0, equals);
            OptionSpec spec = byName.get(name);
            if (spec == null) {
                throw new UsageException("unknown option '" + name + "'; " + program + " accepts "
                        + specs.stream().map(OptionSpec::name).collect(Collectors.joining(", ")));
            }
            String value;
            if (equals >= 0) {
                value = argument.substring(equals + 1);
            } else if (i + 1 < arguments.size() && !arguments.get(i + 1).startsWith("--")) {
                value = arguments.get(++i);
            } else {
                throw new UsageException("option " + name + " needs a value, such as " + name + " " + spec.example());
            }
            if (values.putIfAbsent(name, value) != null) {
                throw new UsageException("option " + name + " is given twice; give it once");
            }
        }
        return new ExampleOptions(program, byName, values, help);
    }

    public boolean helpRequested() {
        return help;
    }

    /** A whole number of at least {@code minimum}, or {@code fallback} when the option is absent. */
    public long longValue(String name, long fallback, long minimum) throws UsageException {
        String text = values.get(spec(name).name());
        if (text == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw invalid(name, text, "a whole number of at least " + minimum);
        }
        if (value < minimum) {
            throw invalid(name, text, "a whole number of at least " + minimum);
        }
        return value;
    }

    /** Like {@link #longValue} but also at most {@link Integer#MAX_VALUE}. */
    public int intValue(String name, int fallback, int minimum) throws UsageException {
        long value = longValue(name, fallback, minimum);
        if (value > Integer.MAX_VALUE) {
            throw invalid(name, values.get(name), "a whole number from " + minimum + " to " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    /** A byte size such as {@code 512MiB}, if given. */
    public Optional<Long> byteSize(String name) throws UsageException {
        String text = values.get(spec(name).name());
        if (text == null) {
            return Optional.empty();
        }
        try {
            long bytes = ByteSize.parse(text);
            if (bytes <= 0) {
                throw invalid(name, text, "a positive size");
            }
            return Optional.of(bytes);
        } catch (IllegalArgumentException e) {
            throw new UsageException("option " + name + ": " + e.getMessage());
        }
    }

    /** A file path, if given. */
    public Optional<Path> path(String name) throws UsageException {
        String text = values.get(spec(name).name());
        if (text == null) {
            return Optional.empty();
        }
        if (text.isBlank()) {
            throw invalid(name, text, "a file path");
        }
        return Optional.of(Path.of(text));
    }

    /** The usage text: one synopsis line, then one line per option. */
    public static String usage(String program, String description, List<OptionSpec> specs) {
        StringBuilder text = new StringBuilder("usage: bin/shard example ").append(program);
        specs.forEach(spec -> text.append(" [").append(spec.synopsis()).append(']'));
        text.append('\n').append(description).append('\n');
        int width = specs.stream().mapToInt(spec -> spec.synopsis().length()).max().orElse(0);
        for (OptionSpec spec : specs) {
            text.append("  ").append(String.format("%-" + width + "s", spec.synopsis()))
                    .append("  ").append(spec.description()).append('\n');
        }
        return text.toString();
    }

    private OptionSpec spec(String name) {
        OptionSpec spec = specs.get(name);
        if (spec == null) {
            throw new IllegalArgumentException(program + " declares no option " + name);
        }
        return spec;
    }

    private UsageException invalid(String name, String text, String expected) {
        return new UsageException("option " + name + " needs " + expected + ", got '" + text + "' (for example "
                + name + " " + spec(name).example() + ")");
    }
}
