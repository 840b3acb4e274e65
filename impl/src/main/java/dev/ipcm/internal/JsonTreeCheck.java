package dev.ipcm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.ContentException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Refuses a content tree that JSON cannot carry: a number that is NaN or infinite (Jackson would
 * write it as a string, so the receiver would get {@code "NaN"}), or a container that holds itself
 * (writing it would never end). The walk keeps its own stack, so a deep tree cannot overflow the
 * thread's, and builds the path of a bad value only when there is one.
 */
final class JsonTreeCheck {
    private JsonTreeCheck() {
    }

    /**
     * How deep the walk looks for a cycle by scanning its own stack; deeper, it keeps an identity
     * set (an identity hash for every container of a message cost more than the rest of the check).
     */
    static final int SCAN_DEPTH = 16;

    /** Returns {@code tree} when JSON can carry it. */
    static JsonNode check(JsonNode tree) {
        if (!tree.isContainerNode()) {
            visit(tree, null, null);
            return tree;
        }
        Walk walk = new Walk();
        visit(tree, walk.stack, walk);
        while (!walk.stack.isEmpty()) {
            Frame top = walk.stack.peek();
            if (top.next()) {
                visit(top.child, walk.stack, walk);
            } else {
                walk.close(walk.stack.pop().node);
            }
        }
        return tree;
    }

    private static void visit(JsonNode node, ArrayDeque<Frame> stack, Walk walk) {
        if (node.isContainerNode()) {
            if (!walk.open(node)) {
                throw new ContentException("Content at " + path(stack) + " contains itself (a cycle): JSON cannot "
                        + "carry it; send a copy without the cycle (nothing was sent)");
            }
            stack.push(new Frame(node));
        } else if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            throw new ContentException("Content at " + path(stack) + " is " + node.doubleValue()
                    + ": JSON has no NaN or infinities; send null or a string instead (nothing was sent)");
        }
    }

    private static String path(ArrayDeque<Frame> stack) {
        StringBuilder b = new StringBuilder("$");
        if (stack == null) {
            return b.toString();
        }
        for (Iterator<Frame> i = stack.descendingIterator(); i.hasNext(); ) {
            Frame f = i.next();
            b.append(f.node.isObject() ? "." + f.key : "[" + f.index + "]");
        }
        return b.toString();
    }

    /**
     * The containers being walked (the stack) and whether a node is one of them: found by scanning
     * the stack while it is shallow, by an identity set built from it once it is deeper.
     */
    private static final class Walk {
        final ArrayDeque<Frame> stack = new ArrayDeque<>();
        private Set<JsonNode> deep;

        /** Records {@code node} as open; false when it already is (a cycle). */
        boolean open(JsonNode node) {
            if (deep == null && stack.size() < SCAN_DEPTH) {
                for (Frame f : stack) {
                    if (f.node == node) {
                        return false;
                    }
                }
                return true;
            }
            if (deep == null) {
                deep = Collections.newSetFromMap(new IdentityHashMap<>());
                for (Frame f : stack) {
                    deep.add(f.node);
                }
            }
            return deep.add(node);
        }

        void close(JsonNode node) {
            if (deep != null) {
                deep.remove(node);
            }
        }
    }

    /** A container being walked: the child visited last and those still to come. */
    private static final class Frame {
        final JsonNode node;
        private final Iterator<Map.Entry<String, JsonNode>> fields;
        private final Iterator<JsonNode> elements;
        String key;
        int index = -1;
        JsonNode child;

        Frame(JsonNode node) {
            this.node = node;
            this.fields = node.isObject() ? node.fields() : null;
            this.elements = node.isObject() ? null : node.elements();
        }

        /** Moves to the next child; false when there is none. */
        boolean next() {
            if (fields != null) {
                if (!fields.hasNext()) {
                    return false;
                }
                Map.Entry<String, JsonNode> e = fields.next();
                key = e.getKey();
                child = e.getValue();
                return true;
            }
            if (!elements.hasNext()) {
                return false;
            }
            index++;
            child = elements.next();
            return true;
        }
    }
}
