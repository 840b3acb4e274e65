package dev.ipcm.cli;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.ipcm.Ipcm;
import dev.ipcm.bench.BenchException;
import dev.ipcm.conformance.ConformanceSuite;
import dev.ipcm.engine.IpcmCertifyEngine;
import dev.ipcm.junit.IpcmExtension;
import java.net.URL;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * No package of any module imports a package that imports it back, across modules too
 * (docs/architecture.md, "The house, drawn"). This module sees every other one, so the check
 * lives here; {@code PackageCyclesTest} in impl holds the rules of impl's own packages.
 */
class ModulePackageCyclesTest {
    @Test
    void noPackageOfAnyModuleImportsAPackageThatImportsItBack() {
        // One class of each module names the folder or jar of its main classes (tests left out).
        List<Class<?>> oneClassPerModule = List.of(Ipcm.class, IpcmExtension.class, ConformanceSuite.class,
                IpcmCertifyEngine.class, BenchException.class, IpcmCli.class);
        List<URL> mainClasses = oneClassPerModule.stream()
                .map(type -> type.getProtectionDomain().getCodeSource().getLocation()).collect(Collectors.toList());
        JavaClasses classes = new ClassFileImporter().importUrls(mainClasses);
        assertThat(oneClassPerModule).as("every module's classes are checked").allMatch(classes::contain);
        // "dev.(**)" gives every package its own slice, dev.ipcm itself included (PackageCyclesTest).
        slices().matching("dev.(**)").should().beFreeOfCycles().check(classes);
    }
}
