package dev.shard.dsl.check;

import dev.shard.dsl.lower.LoweredScript;
import dev.shard.dsl.lower.ScriptLowerer;

import dev.shard.dsl.analyze.Analysis;
import dev.shard.dsl.analyze.AnalysisOptions;
import dev.shard.dsl.analyze.Analyzer;
import dev.shard.dsl.analyze.ParamOverride;
import dev.shard.dsl.analyze.ParamOverrides;
import dev.shard.dsl.diag.Diagnostic;
import dev.shard.dsl.diag.DiagnosticRenderer;
import dev.shard.dsl.diag.ErrorCode;
import dev.shard.dsl.diag.SourceText;
import dev.shard.dsl.parse.ParseLimits;
import dev.shard.dsl.parse.ParseResult;
import dev.shard.dsl.parse.ScriptParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The front end in one call: parse, then analyse what parsed, and report every syntax
 * and semantic error of the script together. Names whose declaration line failed to
 * parse are not reported again as undefined where they are used.
 */
public final class ScriptChecker {
    private final ParseLimits limits;
    private final AnalysisOptions options;

    public ScriptChecker(ParseLimits limits, AnalysisOptions options) {
        this.limits = limits;
        this.options = options;
    }

    public static ScriptChecker withDefaults() {
        return new ScriptChecker(ParseLimits.DEFAULT, AnalysisOptions.defaults());
    }

    /** Checks a script with {@code -p name=value} overrides (each read as a literal of the language). */
    public CheckResult check(SourceText script, List<String> overrides) {
        List<SourceText> sources = new ArrayList<>(List.of(script));
        List<Diagnostic> diagnostics = new ArrayList<>();
        Map<String, ParamOverride> parsed = new LinkedHashMap<>();
        for (String assignment : overrides) {
            ParamOverrides.Parsed override = ParamOverrides.parse(assignment);
            sources.add(override.text());
            diagnostics.addAll(override.diagnostics());
            override.override().ifPresent(value -> parsed.put(value.name().text(), value));
        }
        try {
            ParseResult parse = new ScriptParser(limits).parseScript(script);
            Analysis analysis = Analyzer.analyze(parse.ast(), options.withOverrides(parsed));
            diagnostics.addAll(parse.diagnostics());
            Set<String> unparsed = unparsedDeclarations(script, parse);
            analysis.diagnostics().stream()
                    .filter(diagnostic -> !(diagnostic.code() == ErrorCode.UNDEFINED_NAME
                            && unparsed.contains(textOf(script, diagnostic))))
                    .forEach(diagnostics::add);
            Optional<LoweredScript> lowered = Optional.empty();
            if (diagnostics.stream().noneMatch(Diagnostic::isError)) {
                // Columns and types are known only from the plans' schemas, so they are checked by lowering.
                ScriptLowerer.Lowering lowering = ScriptLowerer.lower(analysis, parsed, options.workingDirectory());
                diagnostics.addAll(lowering.diagnostics());
                if (!lowering.hasErrors()) {
                    lowered = Optional.of(lowering.script());
                }
            }
            if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
                // Unused-name warnings are noise next to errors, and often wrong: the use may be on a broken line.
                diagnostics.removeIf(diagnostic -> diagnostic.code() == ErrorCode.UNUSED_NAME);
            }
            return new CheckResult(sources, Optional.of(analysis), DiagnosticRenderer.inSourceOrder(diagnostics),
                    Optional.empty(), lowered);
        } catch (RuntimeException | StackOverflowError bug) {
            return new CheckResult(sources, Optional.empty(), diagnostics,
                    Optional.of(bug.getClass().getName() + ": " + bug.getMessage()), Optional.empty());
        }
    }

    public CheckResult check(SourceText script) {
        return check(script, List.of());
    }

    /** Renders a result's diagnostics (and any internal error) for the terminal. */
    public static String render(CheckResult result) {
        StringBuilder out = new StringBuilder(new DiagnosticRenderer(result.sources()).render(result.diagnostics()));
        result.internalError().ifPresent(error -> out.append("internal error in the shard checker (a bug, not a"
                + " mistake in the script; please report it): ").append(error).append('\n'));
        return out.toString();
    }

    private static Set<String> unparsedDeclarations(SourceText script, ParseResult parse) {
        Set<String> declared = parse.ast().statements().stream()
                .map(statement -> switch (statement) {
                    case dev.shard.dsl.ast.Statement.ParamDeclaration param -> param.name().text();
                    case dev.shard.dsl.ast.Statement.LetDeclaration let -> let.name().text();
                    case dev.shard.dsl.ast.Statement.PipelineStatement _, dev.shard.dsl.ast.Statement.ApplyStatement _,
                            dev.shard.dsl.ast.Statement.WriteBuffer _ -> "";
                })
                .collect(Collectors.toSet());
        java.util.regex.Matcher matcher = java.util.regex.Pattern
                .compile("(?m)^[ \\t]*(?:let|param)[ \\t]+([A-Za-z_][A-Za-z_0-9]*)")
                .matcher(script.content());
        Set<String> unparsed = new java.util.HashSet<>();
        while (matcher.find()) {
            if (!declared.contains(matcher.group(1))) {
                unparsed.add(matcher.group(1));
            }
        }
        return unparsed;
    }

    private static String textOf(SourceText script, Diagnostic diagnostic) {
        if (!diagnostic.span().file().equals(script.file())) {
            return "";
        }
        return script.content().substring(diagnostic.span().startOffset(), diagnostic.span().endOffset());
    }
}
