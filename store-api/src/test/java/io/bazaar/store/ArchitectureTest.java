package io.bazaar.store;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Module and layer directions from DESIGN.md, checked rather than hoped for. */
@AnalyzeClasses(packages = "io.bazaar", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule crmModuleNeverImportsTheStore = noClasses()
            .that().resideInAnyPackage("io.bazaar.crm..", "io.bazaar.shared..")
            .should().dependOnClassesThat().resideInAPackage("io.bazaar.store..")
            .because("store-api depends on crm-module, never the other way");

    @ArchTest
    static final ArchRule storeFeaturesReachTheCrmOnlyThroughTheIntegrationPackage = noClasses()
            .that().resideInAPackage("io.bazaar.store..")
            .and().resideOutsideOfPackage("io.bazaar.store.crmintegration..")
            .and().doNotHaveFullyQualifiedName("io.bazaar.store.BazaarApplication")
            .should().dependOnClassesThat().resideInAPackage("io.bazaar.crm..")
            .because("one integration package adapts store events to CRM intake and CRM benefits to checkout");

    @ArchTest
    static final ArchRule domainIsPlainJava = noClasses()
            .that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jdbi..", "redis.clients..",
                    "com.stripe..", "io.dropwizard..", "org.glassfish.jersey..")
            .because("domain is plain Java (HOUSE_STYLE.md)");

    @ArchTest
    static final ArchRule resourcesNeverCallDaos = noClasses()
            .that().resideInAPackage("..web..")
            .should().dependOnClassesThat().resideInAPackage("..persistence..")
            .because("web validates input, calls an app service and shapes the response");

    @ArchTest
    static void everySqlObjectDaoIsWarmedAtStart(JavaClasses classes) {
        // A DAO missing from the list still works, but rebuilds its Jdbi metadata on every request.
        assertThat(BazaarApplication.SQL_OBJECT_DAOS.stream().map(Class::getName))
                .containsAll(classes.stream().filter(JavaClass::isInterface)
                        .filter(c -> c.getSimpleName().endsWith("Dao") && c.getPackageName().endsWith(".persistence")
                                || c.getSimpleName().equals("OutboxDao"))
                        .map(JavaClass::getName).toList());
    }
}
