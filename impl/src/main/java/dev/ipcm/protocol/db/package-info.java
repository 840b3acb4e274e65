/**
 * The database protocols: SQLite, PostgreSQL, MariaDB and MySQL share one SQL store (the
 * reference's two tables and statements, in {@code SqlStore}) and one client ({@code SqlClient}),
 * and differ in a small dialect each: column types, quoting, value binding, and how a route
 * becomes a JDBC connection. How a receiver wakes differs too: a file watch (SQLite),
 * {@code LISTEN/NOTIFY} (PostgreSQL), polling (MariaDB, MySQL).
 *
 * <p>Where a server store's database comes from is {@code dev.ipcm.protocol.db.server}'s; the
 * PostgreSQL listener's sockets are {@code dev.ipcm.protocol.db.jdbc}'s. Schema, statements,
 * routes, credentials and decisions: docs/protocols/databases.md.
 */
package dev.ipcm.protocol.db;
