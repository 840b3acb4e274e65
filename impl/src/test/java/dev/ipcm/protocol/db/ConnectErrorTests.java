package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.ipcm.ConnectionInfo;
import dev.ipcm.Ipcm;
import dev.ipcm.IpcmException;
import dev.ipcm.Store;
import dev.ipcm.StoreGoneException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Connecting with a wrong user, to an unreachable server, or to a missing database: each a clear error. */
interface ConnectErrorTests {
    Store store();

    DbTargets target();

    /** The store's route with one DSN key replaced. */
    private String info(String key, String value) {
        String route = store().route().replaceAll(key + "=[^;]*", key + "=" + value);
        if (!route.contains(key + "=")) {
            route = route + ";" + key + "=" + value;
        }
        return new ConnectionInfo(store().connectionInfo().protocol(), TextNode.valueOf("JSON"), route).toString();
    }

    @Test
    default void wrongCredentialsNameTheSettingsToFix() {
        assertThatThrownBy(() -> Ipcm.connect("someone", store().info(),
                Map.of("user", "ipcm_no_such_user", "password", "wrong")))
                .isInstanceOf(DatabaseAccessException.class)
                .hasMessageContaining("ipcm_no_such_user")
                .hasMessageContaining("'password' connect parameters")
                .hasMessageContaining(DbCredentials.USER_ENV);
    }

    @Test
    default void unreachableServerNamesTheRouteAndTheSetting() {
        String info = info("port", "1");
        assertThatThrownBy(() -> Ipcm.connect("someone", info)).isInstanceOf(DatabaseAccessException.class)
                .hasMessageContaining("Cannot reach").hasMessageContaining("port=1")
                .hasMessageContaining(SqlErrors.settingFor(target().dialect()));
    }

    @Test
    default void missingDatabaseIsAGoneStoreNamingTheDatabase() {
        String info = info("dbname", "ipcm_no_such_database");
        assertThatThrownBy(() -> Ipcm.connect("someone", info)).isInstanceOf(StoreGoneException.class)
                .isInstanceOf(IpcmException.class)
                .hasMessageContaining("ipcm_no_such_database").hasMessageContaining("dbname");
    }
}
