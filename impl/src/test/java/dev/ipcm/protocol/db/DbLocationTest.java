package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.InvalidInfoException;
import dev.ipcm.protocol.db.jdbc.PromptPeekSocketFactory;
import dev.ipcm.protocol.db.jdbc.PromptPeekUnixSocketFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DbLocationTest {
    @Test
    void pgDsnOverAUnixSocketDirectory() {
        DbLocation l = DbLocation.parse("dbi:Pg:dbname=quickdb;host=/tmp/DB-QUICK-1-abc", false);
        assertThat(l.scheme).isEqualTo(DbLocation.Scheme.POSTGRESQL);
        assertThat(l.database).isEqualTo("quickdb");
        assertThat(PostgreSQLDialect.socketFile(l)).isEqualTo("/tmp/DB-QUICK-1-abc/.s.PGSQL.5432");
        JdbcTarget t = PostgreSQLDialect.INSTANCE.target(l, new DbCredentials("u", ""));
        assertThat(t.url()).isEqualTo("jdbc:postgresql://localhost:5432/quickdb");
        assertThat(t.properties()).containsEntry("socketFactoryArg", "/tmp/DB-QUICK-1-abc/.s.PGSQL.5432");
        assertThat(l.perlRoute()).isEqualTo("dbi:Pg:dbname=quickdb;host=/tmp/DB-QUICK-1-abc");
    }

    @Test
    void pgDsnOverTcpWithAliasesAndAttributes() {
        DbLocation l = DbLocation.parse("dbi:Pg(AutoCommit=>1):database=test;host=127.0.0.1;port=5433;sslmode=disable", false);
        JdbcTarget t = PostgreSQLDialect.INSTANCE.target(l, new DbCredentials("u", "p"));
        assertThat(t.url()).isEqualTo("jdbc:postgresql://127.0.0.1:5433/test");
        assertThat(t.properties()).containsEntry("sslmode", "disable").containsEntry("user", "u");
        assertThat(l.perlRoute()).isEqualTo("dbi:Pg:dbname=test;host=127.0.0.1;port=5433;sslmode=disable");
    }

    @Test
    void pgSslModeAndSessionOptionsTravelInTheInfoStringsDsnQuotedAsLibpqReadsThem() {
        DbLocation jdbc = DbLocation.parse(
                "jdbc:postgresql://db.example:5432/test?user=u&sslmode=require&options=-c%20search_path%3D'a%20b'", false);
        String dsn = jdbc.perlRoute();
        assertThat(dsn).isEqualTo("dbi:Pg:dbname=test;host=db.example;port=5432;sslmode=require;"
                + "options='-c search_path=\\'a b\\''");
        DbLocation back = DbLocation.parse(dsn, false);
        JdbcTarget t = PostgreSQLDialect.INSTANCE.target(back, new DbCredentials("u", ""));
        assertThat(t.properties()).containsEntry("sslmode", "require").containsEntry("options", "-c search_path='a b'");
        assertThat(back.perlRoute()).isEqualTo(dsn);
    }

    @Test
    void aPgOptionTheDsnCannotCarryIsRefusedNamingIt() {
        DbLocation l = DbLocation.parse("jdbc:postgresql://127.0.0.1/test?options=-c%20a%3D1;b", false);
        assertThatThrownBy(l::perlRoute).isInstanceOf(dev.ipcm.InvalidInfoException.class)
                .hasMessageContaining("options=").hasMessageContaining("';'");
    }

    @Test
    void pgListenersUseThePromptPeekSocketsOverTcpAndUnixSockets() {
        JdbcTarget tcp = PostgreSQLDialect.INSTANCE.target(
                DbLocation.parse("dbi:Pg:dbname=test;host=127.0.0.1", false), new DbCredentials("u", ""));
        assertThat(PostgreSQLDialect.listenerTarget(tcp).properties())
                .containsEntry("socketFactory", PromptPeekSocketFactory.class.getName())
                .containsEntry("user", "u");
        assertThat(tcp.properties()).doesNotContainKey("socketFactory");
        JdbcTarget unix = PostgreSQLDialect.INSTANCE.target(
                DbLocation.parse("dbi:Pg:dbname=q;host=/tmp/DB-QUICK-1-abc", false), new DbCredentials("u", ""));
        assertThat(PostgreSQLDialect.listenerTarget(unix).properties())
                .containsEntry("socketFactory", PromptPeekUnixSocketFactory.class.getName())
                .containsEntry("socketFactoryArg", "/tmp/DB-QUICK-1-abc/.s.PGSQL.5432");
        JdbcTarget own = new JdbcTarget("jdbc:postgresql://h/d", new java.util.Properties());
        own.properties().setProperty("socketFactory", "com.example.Tunnel");
        assertThat(PostgreSQLDialect.listenerTarget(own)).isSameAs(own);
    }

    @Test
    void mariadbDsnWithSocketAndTheMysqlSpelling() {
        DbLocation l = DbLocation.parse("dbi:MariaDB:dbname=quickdb;mariadb_socket=/tmp/q/mysql.sock", false);
        assertThat(MariaDBDialect.INSTANCE.target(l, new DbCredentials("root", "")).properties())
                .containsEntry("localSocket", "/tmp/q/mysql.sock");
        DbLocation m = DbLocation.parse("dbi:mysql:database=x;mysql_socket=/s/mysqld.sock", false);
        assertThat(m.scheme).isEqualTo(DbLocation.Scheme.MYSQL);
        assertThat(MySQLDialect.INSTANCE.target(m, new DbCredentials("root", "")).properties())
                .containsEntry("junixsocket.file", "/s/mysqld.sock");
        assertThat(m.perlRoute()).isEqualTo("dbi:MariaDB:dbname=x;mariadb_socket=/s/mysqld.sock");
    }

    @Test
    void jdbcUrlsKeepTheirOptionsAndGiveUpCredentials() {
        DbLocation l = DbLocation.parse("jdbc:postgresql://db.example:6543/test?user=alice&password=s%20cret&ssl=true", false);
        assertThat(l.jdbcUrl).isTrue();
        assertThat(l.host).isEqualTo("db.example");
        assertThat(l.port).isEqualTo(6543);
        assertThat(l.user).isEqualTo("alice");
        assertThat(l.password).isEqualTo("s cret");
        assertThat(DbCredentials.resolve(Map.of(), l)).isEqualTo(new DbCredentials("alice", "s cret"));
        assertThat(DbCredentials.resolve(Map.of("user", "bob", "password", "x"), l)).isEqualTo(new DbCredentials("bob", "x"));
        assertThat(l.withDatabase("ipcm_1").route).isEqualTo("jdbc:postgresql://db.example:6543/ipcm_1?user=alice&password=s%20cret&ssl=true");
        assertThat(l.withDatabase("ipcm_1").perlRoute()).isEqualTo("dbi:Pg:dbname=ipcm_1;host=db.example;port=6543");
        assertThat(DbLocation.parse("jdbc:mysql://127.0.0.1:3306/test?user=root", false).withDatabase("d").perlRoute())
                .isEqualTo("dbi:MariaDB:dbname=d;host=127.0.0.1;port=3306");
    }

    @Test
    void credentialsNeverAppearInTheTargetsText() {
        DbCredentials c = new DbCredentials("alice", "hunter2");
        assertThat(c.toString()).doesNotContain("hunter2");
        JdbcTarget t = PostgreSQLDialect.INSTANCE.target(DbLocation.parse("dbi:Pg:dbname=x;host=h", false), c);
        assertThat(t.toString()).doesNotContain("hunter2");
        DbLocation url = DbLocation.parse("jdbc:mariadb://h:3306/d?user=u&password=hunter2&x=1", false);
        assertThat(url.toString()).doesNotContain("hunter2").contains("password=***").contains("x=1");
        assertThat(MariaDBDialect.INSTANCE.target(url, c).toString()).doesNotContain("hunter2");
        assertThat(DbLocation.redact("dbi:Pg:dbname=d;password=hunter2;host=h")).isEqualTo("dbi:Pg:dbname=d;password=***;host=h");
    }

    @Test
    void sqliteRoutesAreBarePathsOrDsns() {
        assertThat(DbLocation.parse("/tmp/x.sqlite", true).database).isEqualTo("/tmp/x.sqlite");
        assertThat(DbLocation.parse("dbi:SQLite:dbname=/tmp/x.sqlite", true).perlRoute()).isEqualTo("/tmp/x.sqlite");
        assertThat(DbLocation.parse("jdbc:sqlite:/tmp/x.sqlite", true).perlRoute()).isEqualTo("/tmp/x.sqlite");
    }

    @Test
    void unreadableRoutesNameTheProblem() {
        assertThatThrownBy(() -> DbLocation.parse("dbi:Oracle:sid=x", false)).isInstanceOf(InvalidInfoException.class)
                .hasMessageContaining("Oracle");
        assertThatThrownBy(() -> DbLocation.parse("/tmp/x", false)).isInstanceOf(InvalidInfoException.class)
                .hasMessageContaining("/tmp/x");
        assertThatThrownBy(() -> DbLocation.parse("dbi:Pg:dbname=x;port=fifty", false))
                .isInstanceOf(InvalidInfoException.class).hasMessageContaining("fifty");
    }
}
