package dev.shale.jdbc;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The arrows of the house, over the compiled classes of engine, sql and driver: engine ← sql ←
 * driver, each layer reaching the one below only through its public face, and the rooms inside
 * {@code sql} in their order (front door, adapter, sys, session, execution, store; errors under
 * all). A new dependency that points up or reaches around a layer fails here.
 */
class LayersTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.shale");
  }

  @Test
  void engineSqlAndDriverPointDownThroughPublicFaces() {
    ArchRule rule =
        layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Driver")
            .definedBy("dev.shale.jdbc..")
            .layer("Sql")
            .definedBy("dev.shale.sql")
            .layer("SqlDirect")
            .definedBy("dev.shale.sql.direct..")
            .layer("SqlFront")
            .definedBy("dev.shale.sql.front..")
            .layer("SqlCall")
            .definedBy("dev.shale.sql.call..")
            .layer("SqlBulk")
            .definedBy("dev.shale.sql.bulk..")
            .layer("SqlAdapter")
            .definedBy("dev.shale.sql.adapter..")
            .layer("SqlSys")
            .definedBy("dev.shale.sql.sys..")
            .layer("SqlSession")
            .definedBy("dev.shale.sql.session..")
            .layer("SqlExec")
            .definedBy("dev.shale.sql.exec..")
            .layer("SqlStore")
            .definedBy("dev.shale.sql.store..")
            .layer("SqlError")
            .definedBy("dev.shale.sql.error..")
            .layer("Engine")
            .definedBy("dev.shale.engine")
            .layer("EngineInternals")
            .definedBy("dev.shale.engine.*..")
            .whereLayer("Driver")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Sql")
            .mayOnlyBeAccessedByLayers("Driver")
            .whereLayer("SqlDirect")
            .mayOnlyBeAccessedByLayers("Driver")
            .whereLayer("SqlFront")
            .mayOnlyBeAccessedByLayers("Sql", "SqlDirect")
            .whereLayer("SqlCall")
            .mayOnlyBeAccessedByLayers("SqlFront")
            .whereLayer("SqlBulk")
            .mayOnlyBeAccessedByLayers("Driver", "SqlCall")
            .whereLayer("SqlAdapter")
            .mayOnlyBeAccessedByLayers("Sql", "SqlDirect", "SqlFront", "SqlCall")
            .whereLayer("SqlSys")
            .mayOnlyBeAccessedByLayers("Driver", "Sql", "SqlFront")
            .whereLayer("SqlSession")
            .mayOnlyBeAccessedByLayers(
                "Driver", "Sql", "SqlDirect", "SqlFront", "SqlAdapter", "SqlSys", "SqlCall")
            .whereLayer("SqlExec")
            .mayOnlyBeAccessedByLayers(
                "SqlDirect", "SqlFront", "SqlAdapter", "SqlSession", "SqlSys", "SqlBulk")
            .whereLayer("SqlStore")
            .mayOnlyBeAccessedByLayers(
                "Driver", "Sql", "SqlSession", "SqlExec", "SqlSys", "SqlBulk", "SqlCall")
            .whereLayer("SqlError")
            .mayOnlyBeAccessedByLayers(
                "Driver",
                "Sql",
                "SqlDirect",
                "SqlFront",
                "SqlAdapter",
                "SqlSys",
                "SqlSession",
                "SqlExec",
                "SqlStore",
                "SqlBulk",
                "SqlCall")
            .whereLayer("Engine")
            .mayOnlyBeAccessedByLayers(
                "Driver", "Sql", "SqlStore", "SqlError", "SqlBulk", "SqlCall", "EngineInternals")
            .whereLayer("EngineInternals")
            .mayOnlyBeAccessedByLayers("Engine");
    rule.check(classes);
  }
}
