package dev.shard.dsl.analyze;

import dev.shard.dsl.ast.Expression;
import java.nio.file.Path;
import java.util.Map;

/**
 * How a script is checked.
 *
 * @param workingDirectory relative input paths resolve against it (the current directory on the command line)
 * @param checkInputFiles  whether file sources must exist now
 * @param overrides        {@code -p name=value} values, by param name
 * @param columns          the column-level seam; {@link ColumnResolver#UNCHECKED} until lowering supplies one
 */
public record AnalysisOptions(Path workingDirectory, boolean checkInputFiles, Map<String, ParamOverride> overrides,
                              ColumnResolver columns) {
    public AnalysisOptions {
        overrides = Map.copyOf(overrides);
    }

    public static AnalysisOptions defaults() {
        return new AnalysisOptions(Path.of("").toAbsolutePath(), true, Map.of(), ColumnResolver.UNCHECKED);
    }

    public AnalysisOptions withOverrides(Map<String, ParamOverride> values) {
        return new AnalysisOptions(workingDirectory, checkInputFiles, values, columns);
    }

    public AnalysisOptions withWorkingDirectory(Path directory, boolean checkFiles) {
        return new AnalysisOptions(directory, checkFiles, overrides, columns);
    }

    /** The value a param has for this run: the override if given, else the default. */
    Expression.Literal valueOf(String param, Expression.Literal declared) {
        ParamOverride override = overrides.get(param);
        return override == null ? declared : override.value();
    }
}
