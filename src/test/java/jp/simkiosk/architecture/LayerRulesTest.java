package jp.simkiosk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The ports-and-adapters rules of DEVELOPERS.md, enforced: the domain is pure Java; the application knows
 * only the domain and its own ports; adapters and the UI never know each other; only the composition
 * root ({@code app}) sees everything.
 */
@AnalyzeClasses(packages = "jp.simkiosk", importOptions = ImportOption.DoNotIncludeTests.class)
class LayerRulesTest {

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Domain").definedBy("jp.simkiosk.domain..")
            .layer("Application").definedBy("jp.simkiosk.application..")
            .layer("Adapter").definedBy("jp.simkiosk.adapter..")
            .layer("UI").definedBy("jp.simkiosk.ui..")
            .layer("App").definedBy("jp.simkiosk.app..")
            .whereLayer("App").mayNotBeAccessedByAnyLayer()
            .whereLayer("UI").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Adapter").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Application").mayOnlyBeAccessedByLayers("Adapter", "UI", "App")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Application", "Adapter", "UI", "App");

    @ArchTest
    static final ArchRule domainIsPureJava = noClasses().that().resideInAPackage("jp.simkiosk.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.sql..", "org.sqlite..",
                    "org.apache.pdfbox..", "jssc..", "com.fasterxml..", "org.flywaydb..", "java.net.http..", "org.slf4j..",
                    "java.awt..", "javax.imageio..");

    @ArchTest
    static final ArchRule applicationHasNoInfrastructure = noClasses().that().resideInAPackage("jp.simkiosk.application..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.sql..", "org.sqlite..",
                    "org.apache.pdfbox..", "jssc..", "com.fasterxml..", "org.flywaydb..", "java.net.http..");

    @ArchTest
    static final ArchRule uiTalksToUseCasesNotToDevicesSqlOrHttp = noClasses().that().resideInAPackage("jp.simkiosk.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.sqlite..", "jssc..", "java.net.http..",
                    "org.apache.pdfbox..", "jp.simkiosk.adapter..");

    @ArchTest
    static final ArchRule qrCodesAreALibraryOfTheirOwn = classes().that().resideInAPackage("jp.simkiosk.qr..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("jp.simkiosk.qr..", "java..", "com.google.zxing..",
                    "org.slf4j..");

    @ArchTest
    static final ArchRule moneyIsNeverFloatingPoint = noClasses().that().resideInAPackage("jp.simkiosk.domain..")
            .should().dependOnClassesThat().haveFullyQualifiedName("java.math.BigDecimal");
}
