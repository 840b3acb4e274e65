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
 * (writing it would never end). A quick look over the first levels passes most messages with one
 * small array; otherwise the full walk keeps its own stack, so a deep tree cannot overflow the
 * thread's, and builds the path of a bad value only when there is one.
 */
final class JsonTreeCheck {
    private JsonTreeCheck() {
    }

    /**
     * How many levels the quick look checks ({@link #fine}); a deeper tree, or one with a fault,
     * gets the full walk.
     */
    static final int SCAN_DEPTH = 16;

    /** Returns {@code tree} when JSON can carry it. */
    static JsonNode check(JsonNode tree) {
        if (fine(tree, new JsonNode[SCAN_DEPTH], 0)) {
            return tree;
        }
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

    /**
     * The quick look most messages need (a few levels, nothing wrong): true when the tree within
     * {@link #SCAN_DEPTH} levels holds no cycle and no number JSON cannot carry. False, without
     * saying why, for anything else: the full walk then finds the fault and its path, or finds a
     * deeper tree fine.
     */
    private static boolean fine(JsonNode node, JsonNode[] open, int depth) {
        if (!node.isContainerNode()) {
            return !(node.isDouble() || node.isFloat()) || Double.isFinite(node.doubleValue());
        }
        if (depth == open.length) {
            return false;
        }
        for (int i = 0; i < depth; i++) {
            if (open[i] == node) {
                return false;
            }
        }
        open[depth] = node;
        for (JsonNode child : node) {
            if (!fine(child, open, depth + 1)) {
                return false;
            }
        }
        return true;
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
