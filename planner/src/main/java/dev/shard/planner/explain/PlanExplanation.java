package dev.shard.planner.explain;

import java.util.List;

/**
 * Everything explain prints about a plan: the stages in execution order, the budget and
 * the shared bytes it was planned against, and after a run ({@code analyzed}) the compute
 * time. {@code ruleSteps} holds the logical plan after each rule, for the verbose level.
 * {@code memoryBudgetSource} says where the budget came from: set by the caller, none, or
 * derived from the machine's (or container's) memory.
 */
public record PlanExplanation(List<StageExplanation> stages, long memoryBudgetBytes, String memoryBudgetSource,
        long sharedBytes, boolean analyzed, double computeSeconds, List<RuleStep> ruleSteps) {
    public PlanExplanation {
        stages = List.copyOf(stages);
        ruleSteps = List.copyOf(ruleSteps);
        java.util.Objects.requireNonNull(memoryBudgetSource, "memoryBudgetSource");
    }

    /** A budget the caller set ("set"), or none when it is 0. */
    public PlanExplanation(List<StageExplanation> stages, long memoryBudgetBytes, long sharedBytes,
            boolean analyzed, double computeSeconds, List<RuleStep> ruleSteps) {
        this(stages, memoryBudgetBytes, memoryBudgetBytes > 0 ? "set" : "none", sharedBytes, analyzed,
                computeSeconds, ruleSteps);
    }

    /** This explanation with the optimizer's steps, for the verbose level. */
    public PlanExplanation withRuleSteps(List<RuleStep> steps) {
        return new PlanExplanation(stages, memoryBudgetBytes, memoryBudgetSource, sharedBytes, analyzed,
                computeSeconds, steps);
    }

    /** The logical plan, rendered as an indented tree, after the rule named {@code rule} ran. */
    public record RuleStep(String rule, boolean changed, String planText) {
    }
}
