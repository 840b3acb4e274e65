/**
 * Sockets for the PostgreSQL listening connection that answer pgjdbc's one-millisecond "anything
 * pending?" read at once instead of waiting it out (over TCP, and over a server's Unix socket
 * through junixsocket). The factories are public only because pgjdbc creates them from the class
 * name ipcm passes in its {@code socketFactory} property; nothing else should use them. Why:
 * docs/protocols/databases.md ("Wake-ups and latency").
 */
package dev.ipcm.protocol.db.jdbc;
