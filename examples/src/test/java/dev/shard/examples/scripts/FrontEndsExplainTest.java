package dev.shard.examples.scripts;

import static dev.shard.dsl.api.Functions.col;
import static dev.shard.dsl.api.Functions.count;
import static dev.shard.dsl.api.Functions.countDistinct;
import static dev.shard.dsl.api.Functions.randomInt;
import static dev.shard.dsl.api.Functions.sum;
import static dev.shard.dsl.api.Functions.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.shard.dsl.api.Dataset;
import dev.shard.dsl.api.Session;
import dev.shard.dsl.api.Shard;
import dev.shard.dsl.check.CheckResult;
import dev.shard.dsl.diag.SourceText;
import dev.shard.dsl.lower.LoweredStatement;
import dev.shard.examples.ProgramOutput;
import dev.shard.examples.tips.TipsProgram;
import dev.shard.planner.explain.ExplainJson;
import dev.shard.planner.explain.ExplainLevel;
import dev.shard.planner.explain.ExplainText;
import dev.shard.planner.explain.PlanExplanation;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalWrite;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.planner.rule.Optimizer;
import dev.shard.planner.run.PlanExplainer;
import dev.shard.runtime.tune.MachineProfile;
import dev.shard.storage.segment.SegmentStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both front ends build the same plan: a query written as a {@code .shard} script and the
 * same query through the fluent API give equal logical plans, and explain (text and JSON,
 * with and without the rule steps) prints the same bytes, both with the machine profile
 * pinned as the golden explain tests pin it and through one session's own explain. Nothing
 * runs: the session's workers are only needed to build datasets.
 */
@Tag("process")
@Timeout(120)
class FrontEndsExplainTest {
    private static final MachineProfile MACHINE = new MachineProfile(2, 42L << 20, 92_000);
    private static final long BUDGET = 4L << 30;
    private static final List<ExplainLevel> LEVELS = List.of(ExplainLevel.PLAN, ExplainLevel.VERBOSE);

    @TempDir
    Path directory;

    @AfterAll
    static void nothingLeft() throws InterruptedException {
        ProgramOutput.awaitNoChildren(Duration.ofSeconds(20));
        assertEquals(List.of(), SegmentStore.shared().owned(), "segments left open");
    }

    /** examples/quickstart.shard, its write left to the caller, against the tips program's query. */
    @Test
    void quickstartExplainsAsTheTipsProgramsFluentQuery() throws IOException {
        LogicalPlan written = onlyQuery(ExampleScripts.source("quickstart.shard", directory));
        LogicalPlan script = assertInstanceOf(LogicalWrite.class, written, "quickstart ends with a write").input();
        try (Session session = Shard.local().workers(1).open()) {
            assertSameExplanations(session, script, TipsProgram.query(session, 10_000_000));
        }
    }

    /** Filter, derive, a count distinct, a sort with a descending key and a take. */
    @Test
    void aFilterDeriveAggregateSortTakeExplainsTheSameThroughBothFrontEnds() {
        LogicalPlan script = onlyQuery(new SourceText("spend.shard", """
                from generate(200_000) {
                    user   = random_int(1_000, stream = 1),
                    day    = random_int(365, stream = 2),
                    amount = uniform(0.5, 100, stream = 3),
                }
                filter amount > 10 and day < 300
                derive cents = amount * 100
                group {user} (
                    aggregate {
                        visits = count(),
                        spend  = sum(cents),
                        days   = count_distinct(day),
                    }
                )
                sort {-spend, user}
                take 10
                """));
        try (Session session = Shard.local().workers(1).open()) {
            Dataset fluent = session.generate(200_000,
                            col("user", randomInt(1_000, 1)),
                            col("day", randomInt(365, 2)),
                            col("amount", uniform(0.5, 100, 3)))
                    .filter(col("amount").gt(10).and(col("day").lt(300)))
                    .derive(col("amount").mul(100).as("cents"))
                    .groupBy("user")
                    .aggregate(count("visits"), sum("cents").as("spend"), countDistinct("day").as("days"))
                    .sort("-spend", "user")
                    .limit(10);
            assertSameExplanations(session, script, fluent);
        }
    }

    private LogicalPlan onlyQuery(SourceText source) {
        CheckResult checked = ExampleScripts.check(source, directory, List.of());
        List<LoweredStatement> statements = checked.lowered().orElseThrow().statements();
        assertEquals(1, statements.size(), "one statement in " + source.file());
        return assertInstanceOf(LoweredStatement.Query.class, statements.getFirst()).plan();
    }

    private static void assertSameExplanations(Session session, LogicalPlan script, Dataset fluent) {
        assertEquals(script, fluent.plan(), "the logical plans");
        for (ExplainLevel level : LEVELS) {
            PlanExplanation pinnedScript = pinned(script, level);
            PlanExplanation pinnedFluent = pinned(fluent.plan(), level);
            assertEquals(ExplainText.render(pinnedScript, level), ExplainText.render(pinnedFluent, level),
                    "text at " + level + ", pinned machine");
            assertEquals(ExplainJson.write(pinnedScript), ExplainJson.write(pinnedFluent),
                    "JSON at " + level + ", pinned machine");
            PlanExplanation sessionScript = session.explain(script, level);
            PlanExplanation sessionFluent = fluent.explain(level);
            assertEquals(ExplainText.render(sessionScript, level), ExplainText.render(sessionFluent, level),
                    "text at " + level + " through the session");
            assertEquals(ExplainJson.write(sessionScript), ExplainJson.write(sessionFluent),
                    "JSON at " + level + " through the session");
        }
    }

    /** As the golden explain tests plan (ExampleExplainTest), with the rule steps at VERBOSE as a session adds them. */
    private static PlanExplanation pinned(LogicalPlan plan, ExplainLevel level) {
        PlanExplanation planned = PlanExplainer.planned(PhysicalPlanner.plan(plan,
                new PlanningContext(MACHINE, BUDGET, 0)));
        return level == ExplainLevel.VERBOSE ? planned.withRuleSteps(Optimizer.standard().optimize(plan).steps())
                : planned;
    }
}
