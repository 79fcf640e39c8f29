package dev.shard.planner.explain;

import java.util.List;

/**
 * Everything explain prints about a plan: the stages in execution order, the budget and
 * the shared bytes it was planned against, and after a run ({@code analyzed}) the compute
 * time. {@code ruleSteps} holds the logical plan after each rule, for the verbose level.
 */
public record PlanExplanation(List<StageExplanation> stages, long memoryBudgetBytes, long sharedBytes,
        boolean analyzed, double computeSeconds, List<RuleStep> ruleSteps) {
    public PlanExplanation {
        stages = List.copyOf(stages);
        ruleSteps = List.copyOf(ruleSteps);
    }

    /** The logical plan, rendered as an indented tree, after the rule named {@code rule} ran. */
    public record RuleStep(String rule, boolean changed, String planText) {
    }
}
