package dev.shard.runtime.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.shard.runtime.api.Pool;
import dev.shard.runtime.task.Shards;
import dev.shard.storage.SharedReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Packages point one way, like the modules (runtime/ARCHITECTURE.md, "Packages and their
 * order"): a cycle or an upward dependency means a contract is missing from
 * {@code dev.shard.runtime.task}. Storage is checked here too, from the classes the runtime
 * compiles against, so the storage module needs no test dependency of its own.
 */
class ArchitectureTest {
    private static final ImportOption MAIN_CLASSES_ONLY = location -> !location.contains("/test-classes/")
            && !location.contains("-tests.jar");

    private static JavaClasses runtime;
    private static JavaClasses storage;

    @BeforeAll
    static void importClasses() {
        ClassFileImporter importer = new ClassFileImporter().withImportOption(MAIN_CLASSES_ONLY);
        runtime = importer.importPackages("dev.shard.runtime");
        storage = importer.importPackages("dev.shard.storage");
        // An empty import would pass every rule: make sure both modules' classes were found.
        assertTrue(runtime.contain(Pool.class) && runtime.contain(Shards.class), "runtime classes not found");
        assertTrue(storage.contain(SharedReference.class), "storage classes not found");
        assertFalse(runtime.contain(ArchitectureTest.class), "test classes must not be checked");
    }

    @Test
    void runtimePackagesAreFreeOfCycles() {
        slices().matching("dev.shard.runtime.(*)..").should().beFreeOfCycles().check(runtime);
    }

    @Test
    void storagePackagesAreFreeOfCycles() {
        slices().matching("dev.shard.storage.(*)..").should().beFreeOfCycles().check(storage);
    }

    @Test
    void runtimeLayersPointDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy("dev.shard.runtime.api..")
                .layer("driver").definedBy("dev.shard.runtime.driver..")
                .layer("machinery").definedBy("dev.shard.runtime.worker..", "dev.shard.runtime.protocol..",
                        "dev.shard.runtime.report..", "dev.shard.runtime.supervise..", "dev.shard.runtime.exec..")
                .layer("task").definedBy("dev.shard.runtime.task..")
                .layer("tune").definedBy("dev.shard.runtime.tune..")
                .whereLayer("api").mayNotBeAccessedByAnyLayer()
                .whereLayer("driver").mayOnlyBeAccessedByLayers("api")
                .whereLayer("machinery").mayOnlyBeAccessedByLayers("api", "driver")
                .whereLayer("task").mayOnlyBeAccessedByLayers("api", "driver", "machinery")
                .whereLayer("tune").mayOnlyBeAccessedByLayers("api", "driver", "machinery", "task")
                .check(runtime);
    }

    @Test
    void theTaskContractDependsOnNoOtherRuntimePackage() {
        noClasses().that().resideInAPackage("dev.shard.runtime.task..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.shard.runtime.api..",
                        "dev.shard.runtime.driver..", "dev.shard.runtime.worker..", "dev.shard.runtime.protocol..",
                        "dev.shard.runtime.report..", "dev.shard.runtime.supervise..", "dev.shard.runtime.exec..")
                .check(runtime);
    }

    @Test
    void theTunerIsAPureLeaf() {
        noClasses().that().resideInAPackage("dev.shard.runtime.tune..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.shard.runtime.api..", "dev.shard.runtime.task..",
                        "dev.shard.runtime.driver..", "dev.shard.runtime.worker..", "dev.shard.runtime.protocol..",
                        "dev.shard.runtime.report..", "dev.shard.runtime.supervise..", "dev.shard.runtime.exec..",
                        "dev.shard.storage..")
                .check(runtime);
    }

    @Test
    void storageNeverReachesUpIntoTheRuntime() {
        noClasses().that().resideInAPackage("dev.shard.storage..")
                .should().dependOnClassesThat().resideInAPackage("dev.shard.runtime..")
                .check(storage);
    }
}
