/**
 * LocalMemory: a store that lives in this JVM's memory, for tests and for clients that never
 * leave one process. Always available; not cross-process.
 */
package dev.ipcm.protocol.memory;
