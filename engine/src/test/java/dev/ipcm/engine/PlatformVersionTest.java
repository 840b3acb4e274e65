package dev.ipcm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.platform.commons.JUnitException;
import org.junit.platform.engine.TestEngine;

/** An old JUnit Platform is refused at discovery with the version found and the one needed. */
class PlatformVersionTest {
    @Test
    void olderPlatformsAreRefusedWithTheVersionFoundAndTheFix() {
        assertThatThrownBy(() -> PlatformVersion.require("5.13.4")).isInstanceOf(JUnitException.class)
                .hasMessage("ipcm-engine needs JUnit Platform 6.1 or later, but JUnit Platform 5.13.4 is on the class "
                        + "path; import org.junit:junit-bom at 6.1.0 or later (README.md, \"Versions\")");
        assertThat(PlatformVersion.older("6.0.3")).isTrue();
        assertThat(PlatformVersion.older("1.13.4")).isTrue();
    }

    @Test
    void theBuildsPlatformAndNewerOnesPass() {
        PlatformVersion.require(TestEngine.class.getPackage().getImplementationVersion());
        PlatformVersion.require(null);
        assertThat(PlatformVersion.older("6.1.3")).isFalse();
        assertThat(PlatformVersion.older("6.2.0-M1")).isFalse();
        assertThat(PlatformVersion.older("7.0.0")).isFalse();
        assertThat(PlatformVersion.older("unknown")).isFalse();
    }
}
