/**
 * The conformance suite ({@code ipcm-conformance}): the client contract every protocol must keep,
 * as Jupiter scenario classes ({@code *Scenarios}) and jqwik property classes
 * ({@code *Properties}) that never name a protocol; the harness injects one.
 *
 * <p>{@link dev.ipcm.conformance.ConformanceSuite} lists them as data for engines; the child
 * processes the cross-process scenarios start run {@code PeerProcess}. The contract itself, in
 * words, is docs/conformance.md, "The client contract".
 */
package dev.ipcm.conformance;
