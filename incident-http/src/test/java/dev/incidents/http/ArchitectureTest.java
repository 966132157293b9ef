package dev.incidents.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The shape of incident-http, checked on its bytecode. */
class ArchitectureTest {

  private static final JavaClasses HTTP = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.incidents.http");

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("dev.incidents.http.(**)").should().beFreeOfCycles().check(HTTP);
  }

  @Test
  void theInternalsDoNotKnowTheApi() {
    noClasses().that().resideInAPackage("dev.incidents.http.internal..")
        .should().dependOnClassesThat().resideInAPackage("dev.incidents.http")
        .check(HTTP);
  }

  @Test
  void theServletNeedsNoContainerButTheServletApi() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("org.eclipse..", "org.apache.catalina..",
        "org.springframework..", "io.undertow..")
        .because("any Servlet 6 container can mount it (docs/HTTP.md)")
        .check(HTTP);
  }

  @Test
  void jsonIsBoundByCoreNotHere() {
    noClasses().should().dependOnClassesThat().haveSimpleName("RequestBinder")
        .orShould().callMethod(com.fasterxml.jackson.databind.ObjectMapper.class, "readTree", byte[].class)
        .because("core binds and checks every JSON request: HTTP only maps the transport")
        .check(HTTP);
  }
}
