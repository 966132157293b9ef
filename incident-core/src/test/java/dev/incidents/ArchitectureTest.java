package dev.incidents;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The shape of incident-core, checked on its bytecode: packages depend on each other in one direction only,
 * and the layers below the service know nothing of it.
 */
class ArchitectureTest {

  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.incidents");

  /** Every package of core is a slice of its own, the root package included. */
  private static final SliceAssignment BY_PACKAGE = new SliceAssignment() {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      return SliceIdentifier.of(javaClass.getPackageName());
    }

    @Override
    public String getDescription() {
      return "the packages of incident-core";
    }
  };

  @Test
  void packagesAreFreeOfCycles() {
    slices().assignedFrom(BY_PACKAGE).should().beFreeOfCycles().check(CORE);
  }

  @Test
  void nothingDependsOnTheServicePackage() {
    noClasses().that().resideOutsideOfPackage("dev.incidents")
        .should().dependOnClassesThat().resideInAPackage("dev.incidents")
        .because("the root package holds the service and its entry points, above every other package")
        .check(CORE);
  }

  @Test
  void theStoreSpiKnowsOnlyErrorsAndInternals() {
    noClasses().that().resideInAPackage("dev.incidents.spi")
        .should().dependOnClassesThat().resideInAnyPackage("dev.incidents.model..", "dev.incidents.json..",
            "dev.incidents.catalog..", "dev.incidents.schema..", "dev.incidents.reference..",
            "dev.incidents.memory..", "com.fasterxml..", "jakarta..", "org.hibernate..")
        .because("a store never sees the model, Jackson or Bean Validation (docs/CONTRACT.md section 14)")
        .check(CORE);
  }

  @Test
  void jacksonStaysInTheJsonPackage() {
    noClasses().that().resideOutsideOfPackages("dev.incidents.json", "dev.incidents")
        .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
        .because("Jackson is configured in one place and never appears in the public API")
        .check(CORE);
  }
}
