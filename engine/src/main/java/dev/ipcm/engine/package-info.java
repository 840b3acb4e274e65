/**
 * The certification engine ({@code ipcm-engine}, engine id {@code ipcm-certify}): a JUnit
 * Platform engine that runs a certification suite (the conformance suite by default) against
 * every protocol plugin it is given, as a tree of protocol, scenario and case nodes.
 *
 * <p>Discovery is {@code CertifyResolver} (selectors to nodes) over {@code Settings}; execution
 * runs each scenario through an inner launcher ({@code SuiteRunner}, {@code InnerRun}) and replays
 * its results as dynamic children. The engine's own settings are
 * {@link dev.ipcm.engine.CertifyParameters}. See docs/certification.md.
 */
package dev.ipcm.engine;
