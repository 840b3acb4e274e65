/**
 * Where the server database protocols (PostgreSQL, MariaDB, MySQL) get a database for a new
 * store: a configured server ({@link dev.ipcm.protocol.db.server.DatabaseServers}) on which a
 * fresh database is created and later dropped ({@code ServerDatabase}), or a private temporary
 * server started from the binaries on this machine and stopped at unspawn ({@code TempServer}
 * and its two kinds).
 *
 * <p>It knows no SQL dialect: the protocol hands it a {@link dev.ipcm.protocol.db.server.Connector}
 * and turns its failures into the protocol's exceptions, so nothing here depends on
 * {@code dev.ipcm.protocol.db}. Behaviour: docs/protocols/databases.md ("Pointing ipcm at your own
 * database", "Temporary servers").
 */
package dev.ipcm.protocol.db.server;
