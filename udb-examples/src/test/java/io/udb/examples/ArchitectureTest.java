package io.udb.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enforces the layering of DESIGN.md: {@code udb-examples → udb-spring-starter → udb-ingest,
 * udb-quality, udb-kpi → udb-core → udb-security → udb-api}. This module sees every other one on
 * its test class path, so the rules cover all of them.
 */
class ArchitectureTest {
  private static JavaClasses udb;

  @BeforeAll
  static void importClasses() {
    udb =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.udb");
  }

  @Test
  void importsClassesOfEveryLayer() {
    for (String layer :
        new String[] {
          "io.udb.api",
          "io.udb.security",
          "io.udb.core",
          "io.udb.ingest",
          "io.udb.quality",
          "io.udb.kpi",
          "io.udb.spring",
          "io.udb.exampleplugin",
          "io.udb.examples"
        }) {
      org.assertj.core.api.Assertions.assertThat(
              udb.stream().anyMatch(c -> c.getPackageName().startsWith(layer)))
          .as("classes of %s imported", layer)
          .isTrue();
    }
  }

  @Test
  void apiDependsOnTheJdkAlone() {
    classes()
        .that()
        .resideInAPackage("io.udb.api..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("io.udb.api..", "java..")
        .check(udb);
  }

  @Test
  void securityDependsOnlyOnApiBelowIt() {
    noClasses()
        .that()
        .resideInAPackage("io.udb.security..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.udb.core..",
            "io.udb.ingest..",
            "io.udb.quality..",
            "io.udb.kpi..",
            "io.udb.spring..",
            "io.udb.examples..")
        .check(udb);
  }

  @Test
  void coreNeverImportsCapabilitiesOrTheStarter() {
    noClasses()
        .that()
        .resideInAPackage("io.udb.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.udb.ingest..",
            "io.udb.quality..",
            "io.udb.kpi..",
            "io.udb.spring..",
            "io.udb.examples..")
        .check(udb);
  }

  @Test
  void capabilitiesDoNotDependOnEachOtherOrAbove() {
    noClasses()
        .that()
        .resideInAPackage("io.udb.ingest..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.udb.quality..", "io.udb.kpi..", "io.udb.spring..", "io.udb.examples..")
        .check(udb);
    // quality, kpi and the starter are still empty: the rules hold vacuously until they fill
    noClasses()
        .that()
        .resideInAPackage("io.udb.quality..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.udb.ingest..", "io.udb.kpi..", "io.udb.spring..", "io.udb.examples..")
        .allowEmptyShould(true)
        .check(udb);
    noClasses()
        .that()
        .resideInAPackage("io.udb.kpi..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.udb.ingest..", "io.udb.quality..", "io.udb.spring..", "io.udb.examples..")
        .allowEmptyShould(true)
        .check(udb);
  }

  @Test
  void starterDoesNotDependOnExamples() {
    noClasses()
        .that()
        .resideInAPackage("io.udb.spring..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.udb.examples..")
        .allowEmptyShould(true)
        .check(udb);
  }

  @Test
  void coreUsesMicrometerOnlyThroughItsAdapter() {
    noClasses()
        .that()
        .resideInAPackage("io.udb.core..")
        .and()
        .doNotHaveSimpleName("MicrometerMetrics")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.micrometer..")
        .check(udb);
  }

  @Test
  void theExamplePluginUsesOnlyTheApiAndCore() {
    // a third-party plugin compiles against what UDB publishes for plugins, never the capability
    // modules, the starter or the examples
    classes()
        .that()
        .resideInAPackage("io.udb.exampleplugin..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("io.udb.exampleplugin..", "io.udb.api..", "io.udb.core..", "java..")
        .check(udb);
  }

  @Test
  void nothingButTheExamplesDependsOnTheExamplePlugin() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.udb.exampleplugin..", "io.udb.examples..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.udb.exampleplugin..")
        .check(udb);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("io.udb.(**)").should().beFreeOfCycles().check(udb);
  }
}
