package io.windtunnel.engine;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest
{
    private final JavaClasses engine = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.windtunnel.engine");

    @Test
    void shouldDependOnlyOnJdkAgronaAndHdrHistogram()
    {
        classes().should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "io.windtunnel.engine..", "org.agrona..", "org.HdrHistogram..")
            .check(engine);
    }

    @Test
    void shouldDoNoIoAndUseNoWallClockOrUnseededRandomness()
    {
        noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("java.io..", "java.nio.file..", "java.net..")
            .check(engine);
        noClasses().should().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(Math.class, "random")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
            .check(engine);
    }
}
