package io.bazaar.crm.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The CRM is a library the store depends on, never the other way round; domain code stays plain Java. */
class CrmArchitectureTest {
    private static final JavaClasses CRM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.bazaar.crm", "io.bazaar.shared");

    @Test
    void crmNeverImportsStoreCode() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.bazaar.store..").check(CRM);
    }

    @Test
    void domainPackagesAreFreeOfFrameworks() {
        noClasses().that().resideInAPackage("io.bazaar.crm..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "jakarta.ws..", "redis..", "jakarta.mail..")
                .check(CRM);
    }

    @Test
    void resourcesNeverCallDaos() {
        noClasses().that().resideInAPackage("io.bazaar.crm..web..")
                .should().dependOnClassesThat().resideInAPackage("io.bazaar.crm..persistence..")
                .check(CRM);
    }
}
