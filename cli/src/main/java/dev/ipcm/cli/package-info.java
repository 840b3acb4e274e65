/**
 * The {@code ipcm} command: one picocli subcommand class per verb ({@code SpawnCommand},
 * {@code SendCommand}, {@code CertifyCommand}, {@code BenchCommand}, ...) on top of the public
 * API, with the shared option groups, error reporting and exit codes beside them. Certification
 * runs the engine in-process and renders its matrix and reports here. See docs/cli.md.
 */
package dev.ipcm.cli;
