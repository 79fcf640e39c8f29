package dev.shard.planner.rule;

import dev.shard.planner.explain.LogicalPlanText;
import dev.shard.planner.explain.PlanExplanation.RuleStep;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies rules in order and checks the plan after each: the root keeps its columns and types and
 * every node is still valid (rebuilding a node re-checks its names and types). A rule that
 * breaks either is a bug in the rule, reported with its name and both plans.
 */
public final class Optimizer {
    private final List<Rule> rules;

    public Optimizer(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static Optimizer standard() {
        return new Optimizer(Rules.standard());
    }

    /** The plan after every rule, and the steps explain's verbose level prints. */
    public record Result(LogicalPlan plan, List<RuleStep> steps) {
        public Result {
            steps = List.copyOf(steps);
        }
    }

    public Result optimize(LogicalPlan plan) {
        List<RuleStep> steps = new ArrayList<>();
        LogicalPlan current = plan;
        for (Rule rule : rules) {
            LogicalPlan next = rule.apply(current);
            check(rule, current, next);
            steps.add(new RuleStep(rule.name(), !next.equals(current), LogicalPlanText.render(next)));
            current = next;
        }
        return new Result(current, steps);
    }

    private static void check(Rule rule, LogicalPlan before, LogicalPlan after) {
        if (!sameColumns(before.schema(), after.schema())) {
            throw new IllegalStateException("rule " + rule.name() + " changed the plan's columns from "
                    + before.schema().names() + " to " + after.schema().names() + "; before:\n"
                    + LogicalPlanText.render(before) + "after:\n" + LogicalPlanText.render(after));
        }
        try {
            revalidate(after);
        } catch (RuntimeException invalid) {
            throw new IllegalStateException("rule " + rule.name() + " produced an invalid plan: "
                    + invalid.getMessage() + "\n" + LogicalPlanText.render(after), invalid);
        }
    }

    /** Same names and types in the same order; a column may become not-null (a folded constant), never nullable. */
    private static boolean sameColumns(Schema before, Schema after) {
        if (before.size() != after.size()) {
            return false;
        }
        for (int i = 0; i < before.size(); i++) {
            Field was = before.fields().get(i);
            Field is = after.fields().get(i);
            if (!was.name().equals(is.name()) || was.type() != is.type() || (is.nullable() && !was.nullable())) {
                return false;
            }
        }
        return true;
    }

    /** Rebuilds every node from its inputs, which runs each node's checks again. */
    private static LogicalPlan revalidate(LogicalPlan plan) {
        return plan.withInputs(plan.inputs().stream().map(Optimizer::revalidate).toList());
    }
}
