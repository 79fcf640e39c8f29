/**
 * The shard language ({@code .shard} scripts parsed, analysed, lowered to the planner's logical
 * plan and run), the Java fluent API and the {@code shard} command line. Exported: the fluent
 * API, the command line (examples plug in as {@code ExampleProgram}s; programs mark their
 * phases with {@code Timings}) and the lowering the README names. The front end's inner
 * stages (grammar, parse, analysis, diagnostics, the script runner) are not API.
 */
module dev.shard.dsl {
    requires transitive dev.shard.planner;
    requires org.antlr.antlr4.runtime;
    requires info.picocli;
    requires com.fasterxml.jackson.core;

    exports dev.shard.dsl.api;
    exports dev.shard.dsl.cli;
    exports dev.shard.dsl.lower;

    // picocli reads the commands' annotated fields and methods reflectively.
    opens dev.shard.dsl.cli to info.picocli;

    uses dev.shard.dsl.cli.ExampleProgram;
}
