package org.resnet4j.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import java.net.URI;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The rules only mean something if they see the real classes and not the test helpers; this checks which. */
class ProductionCodeAndContractKitTest {
    @Test
    void import_containsTheApi_butNoTestHelpers() {
        JavaClasses imported = new ClassFileImporter()
                .withImportOption(new ProductionCodeAndContractKit())
                .importPackages("org.resnet4j");
        Set<String> names = imported.stream().map(JavaClass::getName).collect(Collectors.toSet());

        assertThat(names).contains("org.resnet4j.Backends", "org.resnet4j.nn.Model", "org.resnet4j.spi.BackendProvider");
        assertThat(names).doesNotContain("org.resnet4j.FakeProvider", ArchitectureRulesTest.class.getName(),
                getClass().getName());
    }

    @Test
    void contractKit_isIncluded_asDirectoryOrTestJar_whileOtherTestClassesAreNot() {
        ProductionCodeAndContractKit option = new ProductionCodeAndContractKit();

        assertThat(option.includes(location("file:/r/api/target/classes/org/resnet4j/Backends.class"))).isTrue();
        assertThat(option.includes(location("file:/r/api/target/test-classes/org/resnet4j/tck/ReferenceOps.class")))
                .isTrue();
        assertThat(option.includes(location(
                "jar:file:/m2/resnet4j-api-0.1.0-SNAPSHOT-tests.jar!/org/resnet4j/tck/ReferenceOps.class"))).isTrue();
        assertThat(option.includes(location("file:/r/api/target/test-classes/org/resnet4j/FakeProvider.class")))
                .isFalse();
        assertThat(option.includes(location(
                "jar:file:/m2/resnet4j-api-0.1.0-SNAPSHOT-tests.jar!/org/resnet4j/FakeProvider.class"))).isFalse();
    }

    private static Location location(String uri) {
        return Location.of(URI.create(uri));
    }
}
