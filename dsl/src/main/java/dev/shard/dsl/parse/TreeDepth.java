package dev.shard.dsl.parse;

import java.util.ArrayDeque;
import java.util.Deque;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;

/**
 * Measures a parse tree's depth without recursion. ANTLR parses a chain such as
 * {@code a + b + c + ...} in a loop, but the tree it builds is as deep as the chain, and
 * every later pass recurses over it; this check runs first so none of them can overflow.
 */
final class TreeDepth {
    private TreeDepth() {
    }

    /** The first context deeper than {@code limit}, or null. */
    static ParserRuleContext deeperThan(ParseTree root, int limit) {
        Deque<ParseTree> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(root);
        depths.push(1);
        while (!nodes.isEmpty()) {
            ParseTree node = nodes.pop();
            int depth = depths.pop();
            if (depth > limit && node instanceof ParserRuleContext context) {
                return context;
            }
            for (int i = 0; i < node.getChildCount(); i++) {
                nodes.push(node.getChild(i));
                depths.push(depth + 1);
            }
        }
        return null;
    }
}
