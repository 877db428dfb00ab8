package io.udb.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Spark stays in this module: no UDB class outside {@code io.udb.spark} names Spark, Scala or this
 * module, so a host that does not add {@code udb-spark} never needs them. The capability modules
 * are on this module's test class path, so the rule covers them too.
 */
class SparkLayeringTest {
  private final JavaClasses udb =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.udb");

  @Test
  void onlyTheSparkModuleNamesSpark() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.udb.spark..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.spark..", "scala..", "io.udb.spark..")
        .check(udb);
  }
}
