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

    /** Returns {@code tree} when JSON can carry it. */
    static JsonNode check(JsonNode tree) {
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        Set<JsonNode> open = Collections.newSetFromMap(new IdentityHashMap<>());
        visit(tree, stack, open);
        while (!stack.isEmpty()) {
            Frame top = stack.peek();
            if (top.next()) {
                visit(top.child, stack, open);
            } else {
                open.remove(stack.pop().node);
            }
        }
        return tree;
    }

    private static void visit(JsonNode node, ArrayDeque<Frame> stack, Set<JsonNode> open) {
        if (node.isContainerNode()) {
            if (!open.add(node)) {
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
        for (Iterator<Frame> i = stack.descendingIterator(); i.hasNext(); ) {
            Frame f = i.next();
            b.append(f.node.isObject() ? "." + f.key : "[" + f.index + "]");
        }
        return b.toString();
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
