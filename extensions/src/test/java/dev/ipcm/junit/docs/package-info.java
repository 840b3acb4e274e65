/**
 * The examples docs/junit.md shows, as real tests: {@code DocsTest} checks that the page shows
 * each of them exactly.
 */
package dev.ipcm.junit.docs;
