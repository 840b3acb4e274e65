package dev.ipcm;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.ipcm.archfixture.CallsDown;
import dev.ipcm.archfixture.below.CallsBackUp;
import org.junit.jupiter.api.Test;

/**
 * The arrows between the packages of {@code impl} run one way (docs/architecture.md, "The house,
 * drawn"): no package imports a package that imports it back, and the API package imports
 * nothing of ipcm but {@code dev.ipcm.os}.
 */
class PackageCyclesTest {
    /** The compiled main classes only: the folder or jar {@link Ipcm} was loaded from. */
    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .importUrl(Ipcm.class.getProtectionDomain().getCodeSource().getLocation());

    /**
     * One slice per package: "dev.(**)" captures the whole package name, so {@code dev.ipcm}
     * itself is a slice too ({@code matching("dev.ipcm.(*)..")} would leave its classes out and
     * put a package and its sub-packages in one slice).
     */
    private static final ArchRule NO_PACKAGE_CYCLES = slices().matching("dev.(**)").should().beFreeOfCycles();

    @Test
    void noPackageImportsAPackageThatImportsItBack() {
        assertThat(MAIN_CLASSES.getPackage("dev.ipcm").getClasses()).as("the root package's classes are checked").isNotEmpty();
        NO_PACKAGE_CYCLES.check(MAIN_CLASSES);
    }

    @Test
    void aCycleThroughAParentPackageIsFound() {
        JavaClasses cycle = new ClassFileImporter().importClasses(CallsDown.class, CallsBackUp.class);
        assertThat(NO_PACKAGE_CYCLES.evaluate(cycle).hasViolation()).as("a package and its sub-package importing each other").isTrue();
    }

    @Test
    void theApiPackageImportsOnlyTheOsLayer() {
        noClasses().that().resideInAPackage("dev.ipcm")
                .should().dependOnClassesThat(resideInAPackage("dev.ipcm..").and(not(resideInAnyPackage("dev.ipcm", "dev.ipcm.os"))))
                .because("the API is the bottom of impl; it reaches the machinery through its facades (docs/architecture.md)")
                .check(MAIN_CLASSES);
    }
}
