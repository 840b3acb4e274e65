package dev.ipcm.conformance;

import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/**
 * Dogfood: the whole conformance suite, Jupiter scenarios and jqwik properties, on every protocol
 * on this module's class path (narrow it with {@code -Dipcm.protocols=...}).
 */
@Suite
@SuiteDisplayName("ipcm conformance on every protocol on the class path")
@SelectPackages("dev.ipcm.conformance")
@IncludeClassNamePatterns(".*(Scenarios|Properties)$")
class ConformanceOnClassPathTest {
}
