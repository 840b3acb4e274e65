/**
 * Benchmarks ({@code ipcm-bench}): JMH benchmarks of the codec and of in-process send and
 * receive, and a cross-process runner ({@link dev.ipcm.bench.BenchRunner}, configured by
 * {@link dev.ipcm.bench.BenchOptions}) that measures every protocol beside the raw transport it
 * is built on (FIFO, socket, rename, JDBC) in child JVMs, and writes the JSON and HTML reports.
 * Speed is measured here and nowhere else. See docs/performance.md.
 */
package dev.ipcm.bench;
