/**
 * The JUnit harness ({@code ipcm-junit}): run tests once per ipcm protocol with stores, clients
 * and an Echo service injected, skip protocols that cannot run here, and check that every message
 * sent was received.
 *
 * <p>Two front doors share one house: {@link dev.ipcm.junit.IpcmTest} and
 * {@link dev.ipcm.junit.IpcmExtension} for Jupiter, {@link dev.ipcm.junit.IpcmProperties} (with
 * its hook {@link dev.ipcm.junit.IpcmJqwikHook}) for jqwik. Both choose protocols, decide skips and
 * make injected values the same way (package-private {@code Binding}, {@code Injection},
 * {@code Scope}, {@code Fixture}); each keeps its state where its engine closes it (the extension
 * context store, jqwik's stores). Settings are {@link dev.ipcm.junit.IpcmConfiguration}. See
 * docs/junit.md.
 */
package dev.ipcm.junit;
