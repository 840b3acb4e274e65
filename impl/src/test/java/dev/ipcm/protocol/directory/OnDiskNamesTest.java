package dev.ipcm.protocol.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.InvalidNameException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class OnDiskNamesTest {
    private static final String ROUTE = "/tmp/PerlIPCManager-1-abcdef";

    @Test
    void hashesTheSpecExamples() {
        assertThat(OnDiskNames.map("h-beta", OnDiskNames.FILE_BUDGET, ROUTE))
                .isEqualTo("h-7887adc20d25a52986a92c3fec4d31ebc9a7b130");
        assertThat(OnDiskNames.map("with/slash", OnDiskNames.FILE_BUDGET, ROUTE))
                .isEqualTo("h-bdd3e041c458db22157cd6aef2470391d8bc9eb9");
    }

    @Test
    void keepsPlainIdsVerbatim() {
        assertThat(OnDiskNames.map("alpha", OnDiskNames.FILE_BUDGET, ROUTE)).isEqualTo("alpha");
        assertThat(OnDiskNames.map("a".repeat(200), OnDiskNames.FILE_BUDGET, ROUTE)).isEqualTo("a".repeat(200));
        assertThat(OnDiskNames.map("x\u007fy", OnDiskNames.FILE_BUDGET, ROUTE)).isEqualTo("x\u007fy");
    }

    @Test
    void hashesLongUnsafeAndPrefixedIds() {
        assertThat(OnDiskNames.map("a".repeat(201), OnDiskNames.FILE_BUDGET, ROUTE)).startsWith("h-").hasSize(42);
        assertThat(OnDiskNames.map("tab\there", OnDiskNames.FILE_BUDGET, ROUTE)).startsWith("h-");
        assertThat(OnDiskNames.map("back\\slash", OnDiskNames.FILE_BUDGET, ROUTE)).startsWith("h-");
        assertThat(OnDiskNames.map("h-", OnDiskNames.FILE_BUDGET, ROUTE)).startsWith("h-").hasSize(42);
    }

    @Test
    void socketBudgetIsSunPathLessRouteSlashAndNul() {
        assertThat(OnDiskNames.socketBudget(ROUTE)).isEqualTo(104 - ROUTE.length() - 2);
        String route = "/tmp/" + "r".repeat(50);
        int budget = OnDiskNames.socketBudget(route);
        assertThat(OnDiskNames.map("b".repeat(budget), budget, route)).isEqualTo("b".repeat(budget));
        assertThat(OnDiskNames.map("b".repeat(budget + 1), budget, route)).startsWith("h-");
    }

    @Test
    void refusesWhenEvenTheHashDoesNotFit() {
        String route = "/tmp/" + "r".repeat(70);
        assertThatThrownBy(() -> OnDiskNames.map("x".repeat(50), OnDiskNames.socketBudget(route), route))
                .isInstanceOf(InvalidNameException.class)
                .hasMessageContaining("hashed form (42 bytes) exceeds available budget (27 bytes)")
                .hasMessageContaining(route);
    }

    @Test
    void refusesAnEmptyId() {
        assertThatThrownBy(() -> OnDiskNames.map("", 200, ROUTE)).isInstanceOf(InvalidNameException.class)
                .hasMessageContaining("'peer_id' is required");
    }

    @Property(tries = 200)
    void everyNameIsASafeSingleFileName(@ForAll @StringLength(min = 1, max = 300) String id) {
        String n = OnDiskNames.map(id, OnDiskNames.FILE_BUDGET, ROUTE);
        assertThat(n).doesNotContain("/").doesNotContain("\\").doesNotContain("\0");
        assertThat(n.length()).isLessThanOrEqualTo(OnDiskNames.FILE_BUDGET);
        assertThat(n.equals(id) || n.matches("h-[0-9a-f]{40}")).isTrue();
    }
}
