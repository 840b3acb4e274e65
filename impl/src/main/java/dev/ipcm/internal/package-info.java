/**
 * Machinery the packages of this library share and users do not: the JSON mapper set up to
 * write what IPC::Manager writes, message ids and stamps, kernel randomness, the launch of child
 * JVMs (with their class-data archive) and the loading of plugin classes by name.
 *
 * <p>Its types are public only because other packages of the library call them; their status
 * is {@code INTERNAL}, and they may change in any release.
 */
package dev.ipcm.internal;
