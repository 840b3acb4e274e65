/**
 * The two file protocols. MessageFiles: each client's inbox is a directory of the store, each
 * message a file written as {@code <id>.pend} and renamed to {@code <id>.ready} (built on the
 * directory base). JSONFile: the whole store is one JSON file, locked with {@code flock(2)} and
 * rewritten in place on every change.
 *
 * <p>Both are wire-compatible with IPC::Manager's protocols of the same names; what a Perl peer
 * sees, and where we differ from the reference, is in docs/protocols/file-stores.md.
 */
package dev.ipcm.protocol.fs;
