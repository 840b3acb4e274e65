package dev.ipcm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.Client;
import dev.ipcm.ContentException;
import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonContentCheckTest {
    @Test
    void aMapThatContainsItselfIsAContentExceptionNamingTheCycle() {
        Map<String, Object> self = new HashMap<>();
        self.put("me", self);
        assertThatThrownBy(() -> Json.toTree(self)).isInstanceOf(ContentException.class)
                .hasMessageContaining("contains itself (a cycle)").hasMessageContaining("java.util.HashMap");
    }

    @Test
    void aTreeThatContainsItselfIsRefusedWithThePathOfTheCycle() {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode list = root.putArray("list");
        list.add(1).add(root);
        assertThatThrownBy(() -> Json.toTree(root)).isInstanceOf(ContentException.class)
                .hasMessageContaining("$.list[1]").hasMessageContaining("contains itself (a cycle)");
    }

    @Test
    void nanAndInfinitiesAreRefusedWithWhereTheyAre() {
        assertThatThrownBy(() -> Json.toTree(Double.NaN)).isInstanceOf(ContentException.class)
                .hasMessageContaining("$ is NaN").hasMessageContaining("JSON has no NaN or infinities");
        assertThatThrownBy(() -> Json.toTree(Map.of("a", List.of(1.5, Float.NEGATIVE_INFINITY))))
                .isInstanceOf(ContentException.class).hasMessageContaining("$.a[1] is -Infinity");
        ObjectNode tree = Json.mapper().createObjectNode().put("x", Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> Json.toTree(tree)).isInstanceOf(ContentException.class)
                .hasMessageContaining("$.x is Infinity");
    }

    @Test
    void theSameValueTwiceIsNoCycleAndDeepNestingDoesNotOverflow() {
        List<Object> shared = List.of(1, 2.5);
        assertThat(Json.toTree(Map.of("a", shared, "b", shared)).toString()).contains("[1,2.5]");
        ArrayNode deep = Json.mapper().createArrayNode();
        ArrayNode at = deep;
        for (int i = 0; i < 100_000; i++) {
            at = at.addArray();
        }
        assertThat(Json.toTree(deep)).isSameAs(deep);
    }

    @Test
    void aCycleDeeperThanTheStackScanIsFoundWithItsPath() {
        // Past JsonTreeCheck.SCAN_DEPTH levels the quick look gives way to the full walk: a cycle back
        // to a container within the quick look's levels, and one back to a deeper one, are both found.
        for (int backTo : new int[] {3, JsonTreeCheck.SCAN_DEPTH + 5}) {
            ArrayNode root = Json.mapper().createArrayNode();
            ArrayNode at = root;
            ArrayNode target = null;
            for (int depth = 0; depth < JsonTreeCheck.SCAN_DEPTH * 3; depth++) {
                if (depth == backTo) {
                    target = at;
                }
                at = at.add("leaf").addArray();
            }
            at.add(target);
            assertThatThrownBy(() -> Json.toTree(root)).isInstanceOf(ContentException.class)
                    .hasMessageContaining("contains itself (a cycle)")
                    .hasMessageContaining("$" + "[1]".repeat(JsonTreeCheck.SCAN_DEPTH * 3) + "[0]");
        }
    }

    @Test
    void commonScalarsBecomeTheNodesJacksonWouldMake() {
        for (Object value : List.of("text", "", 42, Integer.MIN_VALUE, 42L, Long.MAX_VALUE, true, false)) {
            assertThat(Json.toTree(value)).as("%s (%s)", value, value.getClass().getSimpleName())
                    .isEqualTo(Json.mapper().valueToTree(value))
                    .hasSameClassAs(Json.mapper().valueToTree(value));
        }
    }

    @Test
    void aSendOfUnrepresentableContentSendsNothing() {
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("LocalMemory"));
                Client a = store.connect("a");
                Client b = store.connect("b")) {
            List<Object> self = new ArrayList<>();
            self.add(self);
            assertThatThrownBy(() -> a.send("b", self)).isInstanceOf(ContentException.class);
            assertThatThrownBy(() -> a.send("b", Double.NaN)).isInstanceOf(ContentException.class);
            assertThat(b.receive()).isEmpty();
        }
    }
}
