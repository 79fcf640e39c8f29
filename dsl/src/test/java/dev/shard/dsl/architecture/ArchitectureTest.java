package dev.shard.dsl.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.shard.dsl.api.Session;
import dev.shard.planner.PlanException;
import dev.shard.planner.logical.LogicalPlan;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
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

    /**
     * The dsl's module exports the fluent API, the command line and the lowering, nothing of the
     * front end's inner stages, and opens the commands to picocli, which reads them reflectively.
     */
    @Test
    void theDslModuleExportsItsApiOnly() throws IOException {
        ModuleDescriptor dslModule = null;
        for (URL url : Collections.list(ArchitectureTest.class.getClassLoader().getResources("module-info.class"))) {
            try (InputStream in = url.openStream()) {
                ModuleDescriptor descriptor = ModuleDescriptor.read(in);
                if (descriptor.name().equals("dev.shard.dsl")) {
                    dslModule = descriptor;
                }
            }
        }
        assertTrue(dslModule != null, "the dsl's module-info.class is on the test classpath");
        Set<String> exported = new TreeSet<>();
        dslModule.exports().forEach(export -> exported.add(export.source()));
        assertEquals(Set.of("dev.shard.dsl.api", "dev.shard.dsl.cli", "dev.shard.dsl.lower"), exported);
        assertTrue(dslModule.opens().stream().anyMatch(opens -> opens.source().equals("dev.shard.dsl.cli")
                && opens.targets().equals(Set.of("info.picocli"))), "the commands are open to picocli");
        assertTrue(dslModule.uses().contains("dev.shard.dsl.cli.ExampleProgram"), "examples are found as services");
    }
}
