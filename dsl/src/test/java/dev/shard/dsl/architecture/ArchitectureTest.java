package dev.shard.dsl.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.shard.dsl.api.Session;
import dev.shard.planner.PlanException;
import dev.shard.planner.logical.LogicalPlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The upper modules keep the order of the lower ones: no package cycles inside the planner
 * or the dsl (each package its own slice, the root packages included), the planner never
 * reaches up into the dsl, and both speak to the runtime only through what it exports.
 */
class ArchitectureTest {
    private static final ImportOption MAIN_CLASSES_ONLY = location -> !location.contains("/test-classes/")
            && !location.contains("-tests.jar");
    private static final String[] RUNTIME_INTERNALS = {"dev.shard.runtime.driver..", "dev.shard.runtime.worker..",
        "dev.shard.runtime.protocol..", "dev.shard.runtime.supervise..", "dev.shard.runtime.exec.."};

    private static JavaClasses planner;
    private static JavaClasses dsl;

    @BeforeAll
    static void importClasses() {
        ClassFileImporter importer = new ClassFileImporter().withImportOption(MAIN_CLASSES_ONLY);
        planner = importer.importPackages("dev.shard.planner");
        dsl = importer.importPackages("dev.shard.dsl");
        // An empty import would pass every rule.
        assertTrue(planner.contain(LogicalPlan.class) && planner.contain(PlanException.class), "planner classes not found");
        assertTrue(dsl.contain(Session.class), "dsl classes not found");
    }

    @Test
    void plannerPackagesAreFreeOfCycles() {
        slices().matching("dev.shard.(**)").should().beFreeOfCycles().check(planner);
    }

    @Test
    void dslPackagesAreFreeOfCycles() {
        slices().matching("dev.shard.(**)").should().beFreeOfCycles().check(dsl);
    }

    @Test
    void thePlannerNeverReachesUpIntoTheDsl() {
        noClasses().that().resideInAPackage("dev.shard.planner..")
                .should().dependOnClassesThat().resideInAPackage("dev.shard.dsl..").check(planner);
    }

    @Test
    void runtimeInternalsStayInside() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(RUNTIME_INTERNALS).check(planner);
        noClasses().should().dependOnClassesThat().resideInAnyPackage(RUNTIME_INTERNALS).check(dsl);
    }
}
