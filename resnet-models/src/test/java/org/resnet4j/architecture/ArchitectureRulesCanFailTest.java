package org.resnet4j.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that each rule of {@link ArchitectureRulesTest} can fail: it compiles a handful of tiny classes that break
 * one rule each, in the packages the rules guard, into a temporary directory and checks the rules against them.
 * Compiling at test time keeps these deliberate violations out of every real package and class path.
 */
class ArchitectureRulesCanFailTest {
    private static final Map<String, String> VIOLATIONS = Map.of(
            "org.resnet4j.backend.tf.TfFixture", "public class TfFixture { }",
            "org.resnet4j.backend.nd4j.Nd4jFixture",
                    "public class Nd4jFixture { org.resnet4j.backend.tf.TfFixture borrowed; }",
            "org.nd4j.linalg.NativeArrayFixture", "public class NativeArrayFixture { }",
            "org.resnet4j.nn.LayerUsingTfFixture",
                    "public class LayerUsingTfFixture { org.resnet4j.backend.tf.TfFixture leak; }",
            "org.resnet4j.ops.OpsUsingNd4jFixture",
                    "public class OpsUsingNd4jFixture { org.nd4j.linalg.NativeArrayFixture leak; }",
            "org.resnet4j.models.resnet.BlockUsingNd4jFixture",
                    "public class BlockUsingNd4jFixture { org.resnet4j.backend.nd4j.Nd4jFixture leak; }",
            "org.resnet4j.models.cyclea.CycleAFixture",
                    "public class CycleAFixture { org.resnet4j.models.cycleb.CycleBFixture next; }",
            "org.resnet4j.models.cycleb.CycleBFixture",
                    "public class CycleBFixture { org.resnet4j.models.cyclea.CycleAFixture back; }");

    private static JavaClasses violations;

    @BeforeAll
    static void compileViolations(@TempDir Path dir) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK compiler (tests run on a JDK, not a JRE)").isNotNull();
        List<String> arguments = new ArrayList<>(List.of("-d", dir.resolve("classes").toString()));
        for (Map.Entry<String, String> source : VIOLATIONS.entrySet()) {
            String className = source.getKey();
            String packageName = className.substring(0, className.lastIndexOf('.'));
            Path file = dir.resolve("src").resolve(className.replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "package " + packageName + ";\n" + source.getValue() + "\n", StandardCharsets.UTF_8);
            arguments.add(file.toString());
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, arguments.toArray(String[]::new));
        assertThat(status).as("compiling the violations: %s", errors.toString(StandardCharsets.UTF_8)).isZero();
        violations = new ClassFileImporter().importPath(dir.resolve("classes"));
        assertThat(violations).hasSize(VIOLATIONS.size());
    }

    private static void assertFailsNaming(ArchRule rule, String... offenders) {
        assertThatThrownBy(() -> rule.check(violations))
                .isInstanceOf(AssertionError.class)
                .hasMessageContainingAll(offenders);
    }

    @Test
    void apiRule_fails_whenAnApiClassUsesABackendPackage_orABackendLibrary() {
        assertFailsNaming(ArchitectureRulesTest.api_depends_on_no_backend_library_and_no_backend_package,
                "LayerUsingTfFixture", "OpsUsingNd4jFixture");
    }

    @Test
    void modelsRule_fails_whenAModelUsesABackendPackage() {
        assertFailsNaming(ArchitectureRulesTest.models_and_tutorials_use_no_backend_package_and_no_backend_library,
                "BlockUsingNd4jFixture");
    }

    @Test
    void backendsRule_fails_whenOneBackendUsesAnother() {
        assertFailsNaming(ArchitectureRulesTest.backends_do_not_depend_on_each_other, "Nd4jFixture", "TfFixture");
    }

    @Test
    void backendVisibilityRule_fails_whenABackendClassOtherThanItsProviderIsPublic() {
        assertFailsNaming(ArchitectureRulesTest.backends_make_only_their_provider_public, "TfFixture",
                "Nd4jFixture");
    }

    @Test
    void cycleRule_fails_onAPackageCycle() {
        assertFailsNaming(ArchitectureRulesTest.packages_are_free_of_cycles, "CycleAFixture", "CycleBFixture");
    }
}
