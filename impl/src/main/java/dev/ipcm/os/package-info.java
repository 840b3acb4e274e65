/**
 * The few system calls the JDK does not offer, behind one small interface ({@link dev.ipcm.os.Os},
 * with {@link dev.ipcm.os.Fd} for raw descriptors), so the rest of the library never touches
 * native code: process liveness and signals, {@code mkfifo}, {@code flock(2)}, non-blocking reads
 * and writes with {@code poll(2)}, {@code statx} and inotify, through JNA. Internal: its API may
 * change in any release. Why JNA and what each call is for: docs/os-layer.md.
 */
package dev.ipcm.os;
